package dance.normal.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1024, 1, 1);

    @Test
    void hashVerifiesOnlyTheSamePassword() {
        String phc = hasher.hash("correct horse battery".toCharArray());

        assertThat(hasher.verify("correct horse battery".toCharArray(), phc)).isTrue();
        assertThat(hasher.verify("correct horse batterz".toCharArray(), phc)).isFalse();
        assertThat(hasher.verify("".toCharArray(), phc)).isFalse();
    }

    @Test
    void hashIsArgon2idInPhcFormatWithItsParametersAndARandomSalt() {
        String a = hasher.hash("same password".toCharArray());
        String b = hasher.hash("same password".toCharArray());

        assertThat(a).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(a).isNotEqualTo(b);
        assertThat(a).doesNotContain("same password");
    }

    @Test
    void hashesMadeWithOtherParametersStillVerify() {
        String old = new PasswordHasher(2048, 2, 1).hash("an older password".toCharArray());

        assertThat(hasher.verify("an older password".toCharArray(), old)).isTrue();
    }

    @Test
    void malformedStoredHashNeverVerifies() {
        char[] pw = "whatever password".toCharArray();
        assertThat(hasher.verify(pw, "")).isFalse();
        assertThat(hasher.verify(pw, "$argon2i$v=19$m=1024,t=1,p=1$c2FsdA$aGFzaA")).isFalse();
        assertThat(hasher.verify(pw, "$argon2id$v=19$m=x,t=1,p=1$c2FsdA$aGFzaA")).isFalse();
        assertThat(hasher.verify(pw, "$argon2id$v=19$q=1$c2FsdA$aGFzaA")).isFalse();
        assertThat(hasher.verify(pw, "$argon2id$v=19$m=1024,t=1,p=1$!!!$aGFzaA")).isFalse();
    }

    @Test
    void unicodePasswordsAreHashedAsUtf8() {
        String phc = hasher.hash("пароль-музыка-🎵".toCharArray());

        assertThat(hasher.verify("пароль-музыка-🎵".toCharArray(), phc)).isTrue();
        assertThat(hasher.verify("пароль-музыка-🎶".toCharArray(), phc)).isFalse();
    }
}

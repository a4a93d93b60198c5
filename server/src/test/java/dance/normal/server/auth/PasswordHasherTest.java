package dance.normal.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void whenEveryTurnIsTakenAndNoOneMayWaitAHashIsRefusedAtOnceNotQueued() throws Exception {
        PasswordHasher bounded = new PasswordHasher(1024, 1, 1, 1, 0);
        String phc = bounded.hash("a password here".toCharArray());
        bounded.turns().acquire();
        try {
            assertThatThrownBy(() -> bounded.verify("a password here".toCharArray(), phc))
                    .isInstanceOf(PasswordHasher.Busy.class);
            assertThatThrownBy(() -> bounded.hash("another one".toCharArray())).isInstanceOf(PasswordHasher.Busy.class);
        } finally {
            bounded.turns().release();
        }

        assertThat(bounded.verify("a password here".toCharArray(), phc)).as("a turn is free again").isTrue();
    }

    @Test
    void aWaiterGetsTheNextFreeTurn() throws Exception {
        PasswordHasher bounded = new PasswordHasher(1024, 1, 1, 1, 1);
        String phc = bounded.hash("a password here".toCharArray());
        bounded.turns().acquire();
        java.util.concurrent.CompletableFuture<Boolean> waiter;
        try {
            waiter = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> bounded.verify("a password here".toCharArray(), phc));
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
            while (!bounded.turns().hasQueuedThreads() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(bounded.turns().hasQueuedThreads()).as("the first caller waits").isTrue();
            assertThatThrownBy(() -> bounded.hash("one too many".toCharArray()))
                    .as("the queue is full").isInstanceOf(PasswordHasher.Busy.class);
        } finally {
            bounded.turns().release();
        }

        assertThat(waiter.get()).isTrue();
    }
}

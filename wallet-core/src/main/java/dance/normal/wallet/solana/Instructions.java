package dance.normal.wallet.solana;

import org.p2p.solanaj.programs.SystemProgram;
import org.p2p.solanaj.programs.TokenProgram;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builders for the instructions wallet-core signs. solanaj builds those it gets right (System transfer and create
 * account, SPL Token initialize mint and mint-to, program-derived addresses); wallet-core builds the rest itself:
 * transferChecked (solanaj marks the owner writable and knows only the classic Token program), create associated
 * token account idempotent for Token-2022, and memos on Memo v2 (solanaj writes to the unchecked Memo v1). See
 * docs/decisions/0008-solanaj-wrapped.md.
 */
public final class Instructions {

    /** Lamports in one SOL. */
    public static final long LAMPORTS_PER_SOL = 1_000_000_000L;
    /** Bytes of an SPL Token mint account. */
    public static final int MINT_SIZE = 82;
    /** Bytes of an SPL Token account. */
    public static final int TOKEN_ACCOUNT_SIZE = 165;

    static final int SYSTEM_TRANSFER = 2;
    static final int TOKEN_INITIALIZE_MINT = 0;
    static final int TOKEN_MINT_TO = 7;
    static final int TOKEN_TRANSFER_CHECKED = 12;
    static final int ATA_CREATE = 0;
    static final int ATA_CREATE_IDEMPOTENT = 1;

    private Instructions() {
    }

    /** System Program transfer of {@code lamports} from {@code from} (signs, pays) to {@code to}. */
    public static Instruction transferSol(Address from, Address to, long lamports) {
        requireNonNegative(lamports, "lamports");
        return Solanaj.instruction(SystemProgram.transfer(Solanaj.key(from), Solanaj.key(to), lamports));
    }

    /**
     * System Program create account: {@code payer} funds {@code newAccount} (both sign) with {@code lamports}, gives
     * it {@code space} bytes and makes {@code owner} its program.
     */
    public static Instruction createAccount(Address payer, Address newAccount, long lamports, long space,
                                            Address owner) {
        requireNonNegative(lamports, "lamports");
        requireNonNegative(space, "space");
        return Solanaj.instruction(SystemProgram.createAccount(Solanaj.key(payer), Solanaj.key(newAccount), lamports,
                space, Solanaj.key(owner)));
    }

    /**
     * SPL Token InitializeMint (with the rent sysvar, as solanaj writes it): {@code decimals} places, only
     * {@code mintAuthority} may mint, and no one may freeze.
     */
    public static Instruction initializeMint(Address tokenProgram, Address mint, int decimals, Address mintAuthority) {
        return initializeMint(tokenProgram, mint, decimals, mintAuthority, null);
    }

    /** As {@link #initializeMint(Address, Address, int, Address)}, and {@code freezeAuthority} may freeze. */
    public static Instruction initializeMint(Address tokenProgram, Address mint, int decimals, Address mintAuthority,
                                             Address freezeAuthority) {
        requireTokenProgram(tokenProgram);
        if (decimals < 0 || decimals > 255) {
            throw new IllegalArgumentException("decimals must be 0..255, not " + decimals);
        }
        return Solanaj.instruction(TokenProgram.initializeMint(Solanaj.key(mint), decimals,
                Solanaj.key(mintAuthority), freezeAuthority == null ? null : Solanaj.key(freezeAuthority)),
                tokenProgram);
    }

    /** SPL Token MintTo: {@code authority} (signs) mints {@code amount} base units of {@code mint} into an account. */
    public static Instruction mintTo(Address tokenProgram, Address mint, Address destination, Address authority,
                                     long amount) {
        requireTokenProgram(tokenProgram);
        requireNonNegative(amount, "amount");
        return Solanaj.instruction(TokenProgram.mintTo(Solanaj.key(mint), Solanaj.key(destination),
                Solanaj.key(authority), amount), tokenProgram);
    }

    /**
     * SPL Token TransferChecked: {@code owner} (signs) moves {@code amount} base units of {@code mint} from token
     * account {@code source} to token account {@code destination}; the runtime refuses it unless {@code decimals}
     * matches the mint, which is what makes the amount the user saw the amount that moves.
     */
    public static Instruction transferChecked(Address tokenProgram, Address source, Address mint,
                                              Address destination, Address owner, long amount, int decimals) {
        requireTokenProgram(tokenProgram);
        requireNonNegative(amount, "amount");
        if (decimals < 0 || decimals > 255) {
            throw new IllegalArgumentException("decimals must be 0..255, not " + decimals);
        }
        byte[] data = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) TOKEN_TRANSFER_CHECKED).putLong(amount).put((byte) decimals).array();
        return new Instruction(tokenProgram, List.of(
                AccountMeta.writable(source),
                AccountMeta.readonly(mint),
                AccountMeta.writable(destination),
                AccountMeta.readonlySigner(owner)), data);
    }

    /**
     * Associated Token Account CreateIdempotent: {@code payer} (signs, pays rent) creates the associated token account
     * of {@code owner} for {@code mint} unless it exists already, in which case the instruction does nothing.
     */
    public static Instruction createAssociatedTokenAccountIdempotent(Address tokenProgram, Address payer,
                                                                     Address owner, Address mint) {
        requireTokenProgram(tokenProgram);
        return new Instruction(Programs.ASSOCIATED_TOKEN, List.of(
                AccountMeta.writableSigner(payer),
                AccountMeta.writable(associatedTokenAddress(tokenProgram, owner, mint)),
                AccountMeta.readonly(owner),
                AccountMeta.readonly(mint),
                AccountMeta.readonly(Programs.SYSTEM),
                AccountMeta.readonly(tokenProgram)), new byte[] {ATA_CREATE_IDEMPOTENT});
    }

    /** The associated token account of {@code owner} for {@code mint} under {@code tokenProgram}. */
    public static Address associatedTokenAddress(Address tokenProgram, Address owner, Address mint) {
        requireTokenProgram(tokenProgram);
        return Solanaj.findProgramAddress(List.of(owner.bytes(), tokenProgram.bytes(), mint.bytes()),
                Programs.ASSOCIATED_TOKEN);
    }

    /**
     * SPL Memo v2: records {@code text} (UTF-8) in the transaction; each of {@code signers} must sign, which the Memo
     * program checks.
     */
    public static Instruction memo(String text, Address... signers) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("A memo needs some text");
        }
        List<AccountMeta> accounts = new ArrayList<>();
        for (Address signer : signers) {
            accounts.add(AccountMeta.readonlySigner(signer));
        }
        return new Instruction(Programs.MEMO, accounts, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void requireTokenProgram(Address program) {
        if (!Programs.isTokenProgram(program)) {
            throw new IllegalArgumentException(program + " is neither SPL Token nor Token-2022");
        }
    }

    private static void requireNonNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
    }
}

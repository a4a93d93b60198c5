package dance.normal.wallet.solana;

/** Addresses of the Solana programs and sysvars that wallet-core builds instructions for. */
public final class Programs {

    public static final Address SYSTEM = Address.of("11111111111111111111111111111111");
    public static final Address TOKEN = Address.of("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
    public static final Address TOKEN_2022 = Address.of("TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb");
    public static final Address ASSOCIATED_TOKEN = Address.of("ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL");
    /** The SPL Memo program v2 (signers of a memo are checked). */
    public static final Address MEMO = Address.of("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr");
    /** The original SPL Memo program v1; decoders meet it in older transactions. */
    public static final Address MEMO_V1 = Address.of("Memo1UhkJRfHyvLMcVucJwxXeuD728EqVDDwQDxFMNo");
    public static final Address COMPUTE_BUDGET = Address.of("ComputeBudget111111111111111111111111111111");
    public static final Address SYSVAR_RENT = Address.of("SysvarRent111111111111111111111111111111111");

    private Programs() {
    }

    /** Whether {@code program} is SPL Token or Token-2022. */
    public static boolean isTokenProgram(Address program) {
        return TOKEN.equals(program) || TOKEN_2022.equals(program);
    }
}

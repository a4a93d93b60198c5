package dance.normal.wallet.policy;

import dance.normal.protocol.Money;
import dance.normal.wallet.solana.Address;
import dance.normal.wallet.solana.Instruction;
import dance.normal.wallet.solana.LegacyMessage;
import dance.normal.wallet.solana.Programs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes a message the wallet is asked to sign into a {@link TransactionPreview}, instruction by instruction,
 * from the message's bytes (never from what a builder claims). Only programs and instructions on the allow-list are
 * explained; anything else is refused, so nothing the listener cannot read is ever signed.
 */
public final class TransactionExplainer {

    /** Solana's base fee per signature. */
    public static final long LAMPORTS_PER_SIGNATURE = 5_000;

    private final PriceBook prices;

    public TransactionExplainer(PriceBook prices) {
        this.prices = prices;
    }

    /**
     * Explains what {@code message} does for the wallet whose address is {@code owner}.
     *
     * @throws PolicyException when an instruction's program or kind is not allowed, or its data is malformed
     */
    public TransactionPreview explain(LegacyMessage message, Address owner) throws PolicyException {
        List<TransactionPreview.Line> lines = new ArrayList<>();
        Money total = Money.ZERO;
        boolean totalKnown = true;
        long priorityLamports = 0;
        Long unitLimit = null;
        Long unitPrice = null;
        for (Instruction ix : message.instructions()) {
            Address program = ix.programId();
            TransactionPreview.Line line;
            if (program.equals(Programs.SYSTEM)) {
                line = system(ix, owner);
            } else if (Programs.isTokenProgram(program)) {
                line = token(ix, owner);
            } else if (program.equals(Programs.ASSOCIATED_TOKEN)) {
                line = associatedToken(ix);
            } else if (program.equals(Programs.MEMO) || program.equals(Programs.MEMO_V1)) {
                line = memo(ix);
            } else if (program.equals(Programs.COMPUTE_BUDGET)) {
                ByteBuffer data = le(ix.data());
                int kind = u8(data);
                if (kind == 2) {
                    unitLimit = Integer.toUnsignedLong(u32(data));
                } else if (kind == 3) {
                    unitPrice = u64(data);
                } else {
                    throw new PolicyException("This transaction changes the network's compute budget in a way "
                            + "Normal Dance does not allow.");
                }
                line = new TransactionPreview.Line("Compute Budget", kind == 2 ? "set-limit" : "set-price",
                        kind == 2 ? "Allow up to " + unitLimit + " compute units"
                                : "Pay " + unitPrice + " micro-lamports per compute unit for priority",
                        Optional.empty());
            } else {
                throw new PolicyException("This transaction calls a program Normal Dance does not know ("
                        + program.toBase58() + "), so it will not be signed.");
            }
            lines.add(line);
            if (line.value().isPresent()) {
                total = total.plus(line.value().get());
            } else if (movesValue(line)) {
                totalKnown = false;
            }
        }
        if (unitLimit != null && unitPrice != null) {
            priorityLamports = Math.ceilDiv(Math.multiplyExact(unitLimit, unitPrice), 1_000_000L);
        }
        long fee = Math.addExact(LAMPORTS_PER_SIGNATURE * message.requiredSignatures(), priorityLamports);
        return new TransactionPreview(lines, fee, prices.lamportsInDollars(fee),
                totalKnown ? Optional.of(total) : Optional.empty());
    }

    private static boolean movesValue(TransactionPreview.Line line) {
        return line.action().equals("transfer") || line.action().equals("transfer-out");
    }

    private TransactionPreview.Line system(Instruction ix, Address owner) throws PolicyException {
        ByteBuffer data = le(ix.data());
        int kind = u32(data);
        switch (kind) {
            case 0 -> {
                long lamports = u64(data);
                return new TransactionPreview.Line("System", "create-account", "Create account "
                        + account(ix, 1).toBase58() + ", funded with " + lamports + " lamports", Optional.empty());
            }
            case 2 -> {
                long lamports = u64(data);
                Address from = account(ix, 0);
                Address to = account(ix, 1);
                boolean out = from.equals(owner);
                Optional<Money> dollars = prices.lamportsInDollars(lamports);
                String amount = sol(lamports) + dollars.map(d -> " (" + d.format() + ")").orElse("");
                return new TransactionPreview.Line("System", out ? "transfer" : "transfer-other",
                        out ? "Send " + amount + " to " + to.toBase58()
                                : "Move " + amount + " from " + from.toBase58() + " to " + to.toBase58(),
                        out ? dollars : Optional.of(Money.ZERO));
            }
            default -> throw new PolicyException("This transaction asks for a system operation (" + kind
                    + ") that Normal Dance does not allow.");
        }
    }

    private TransactionPreview.Line token(Instruction ix, Address owner) throws PolicyException {
        ByteBuffer data = le(ix.data());
        int kind = u8(data);
        String program = ix.programId().equals(Programs.TOKEN) ? "Token" : "Token-2022";
        switch (kind) {
            case 12 -> {
                long amount = u64(data);
                int decimals = u8(data);
                Address mint = account(ix, 1);
                Address destination = account(ix, 2);
                Address authority = account(ix, 3);
                Optional<PriceBook.TokenQuote> quote = prices.token(mint);
                if (quote.isPresent() && quote.get().decimals() != decimals) {
                    throw new PolicyException("This transfer states " + decimals + " decimals for "
                            + quote.get().name() + ", which has " + quote.get().decimals() + ".");
                }
                String what = quote.map(q -> units(amount, decimals) + " " + q.name())
                        .orElse(units(amount, decimals) + " of token " + mint.toBase58());
                Optional<Money> value = quote.map(q -> q.perBaseUnit().times(amount));
                boolean out = authority.equals(owner);
                String text = (out ? "Send " : "Move ") + what + value.map(v -> " (" + v.format() + ")").orElse("")
                        + " to token account " + destination.toBase58();
                return new TransactionPreview.Line(program, out ? "transfer-out" : "transfer-other", text,
                        out ? value : Optional.of(Money.ZERO));
            }
            case 7 -> {
                long amount = u64(data);
                return new TransactionPreview.Line(program, "mint", "Create " + amount + " new tokens of "
                        + account(ix, 0).toBase58() + " into " + account(ix, 1).toBase58(), Optional.empty());
            }
            case 0, 20 -> {
                return new TransactionPreview.Line(program, "initialize-mint", "Set up token "
                        + account(ix, 0).toBase58(), Optional.empty());
            }
            default -> throw new PolicyException("This transaction asks the token program for an operation ("
                    + kind + ") that Normal Dance does not allow, such as handing control of tokens to someone "
                    + "else.");
        }
    }

    private static TransactionPreview.Line associatedToken(Instruction ix) throws PolicyException {
        byte[] data = ix.data();
        if (data.length > 1 || (data.length == 1 && data[0] != 0 && data[0] != 1)) {
            throw new PolicyException("This transaction asks the token-account program for an operation Normal "
                    + "Dance does not allow.");
        }
        return new TransactionPreview.Line("Associated Token Account", "create-account",
                "Open a token account for " + account(ix, 2).toBase58() + " (paid by " + account(ix, 0).toBase58()
                        + ")", Optional.empty());
    }

    private static TransactionPreview.Line memo(Instruction ix) throws PolicyException {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(ix.data())).toString();
            return new TransactionPreview.Line("Memo", "memo", "Note: \u201c" + text + "\u201d", Optional.empty());
        } catch (CharacterCodingException e) {
            throw new PolicyException("This transaction carries a note that is not readable text.");
        }
    }

    private static Address account(Instruction ix, int index) throws PolicyException {
        if (index >= ix.accounts().size()) {
            throw new PolicyException("This transaction has an instruction with accounts missing.");
        }
        return ix.account(index);
    }

    private static String sol(long lamports) {
        return units(lamports, 9) + " SOL";
    }

    /** A base-unit amount as a decimal number, without floating point. */
    static String units(long amount, int decimals) {
        if (decimals == 0) {
            return Long.toString(amount);
        }
        String digits = String.format(java.util.Locale.ROOT, "%0" + (decimals + 1) + "d", amount);
        String whole = digits.substring(0, digits.length() - decimals);
        String fraction = digits.substring(digits.length() - decimals).replaceAll("0+$", "");
        return fraction.isEmpty() ? whole : whole + "." + fraction;
    }

    private static ByteBuffer le(byte[] data) {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int u8(ByteBuffer data) throws PolicyException {
        need(data, 1);
        return data.get() & 0xFF;
    }

    private static int u32(ByteBuffer data) throws PolicyException {
        need(data, 4);
        return data.getInt();
    }

    private static long u64(ByteBuffer data) throws PolicyException {
        need(data, 8);
        long v = data.getLong();
        if (v < 0) {
            throw new PolicyException("This transaction names an amount too large to show safely.");
        }
        return v;
    }

    private static void need(ByteBuffer data, int n) throws PolicyException {
        if (data.remaining() < n) {
            throw new PolicyException("This transaction has an instruction whose data is cut short.");
        }
    }
}

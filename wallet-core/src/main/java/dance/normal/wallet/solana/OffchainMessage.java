package dance.normal.wallet.solana;

import dance.normal.wallet.keys.Signatures;
import dance.normal.wallet.keys.Signer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A Solana off-chain message (version 0 of the off-chain message signing proposal), used for purchase intents and
 * play receipts: text a wallet signs that can never be mistaken for a transaction, because it starts with the byte
 * 0xff, which no transaction message can start with.
 *
 * <pre>
 * signing domain      16 bytes  "\xffsolana offchain"
 * header version       1 byte   0
 * application domain  32 bytes  chosen by the application, so one app's signatures never verify for another
 * message format       1 byte   0 restricted ASCII, 1 limited UTF-8 (both at most 1,232 bytes), 2 extended UTF-8
 * signer count         1 byte   at least 1
 * signers             32 bytes each
 * message length       2 bytes  little-endian, at least 1
 * message              the text
 * </pre>
 *
 * The signature covers all of the bytes above. The format is chosen from the text: restricted ASCII when every
 * character is printable ASCII (0x20..0x7e) and it fits 1,232 bytes, limited UTF-8 when it fits 1,232 bytes, extended
 * UTF-8 up to 65,535 bytes.
 */
public final class OffchainMessage {

    /** "\xffsolana offchain". */
    private static final byte[] SIGNING_DOMAIN = signingDomain();
    /** Bytes of the application domain. */
    public static final int APPLICATION_DOMAIN_LENGTH = 32;
    /** The longest text of formats 0 and 1, which hardware wallets can sign. */
    public static final int MAX_SHORT_LENGTH = 1232;
    /** The longest text of any format. */
    public static final int MAX_LENGTH = 0xFFFF;

    /** How the text is encoded, and so which wallets can show it. */
    public enum Format {
        RESTRICTED_ASCII, LIMITED_UTF8, EXTENDED_UTF8
    }

    private final byte[] applicationDomain;
    private final Format format;
    private final List<Address> signers;
    private final String text;
    private final byte[] bytes;

    private OffchainMessage(byte[] applicationDomain, Format format, List<Address> signers, String text,
                            byte[] bytes) {
        this.applicationDomain = applicationDomain;
        this.format = format;
        this.signers = List.copyOf(signers);
        this.text = text;
        this.bytes = bytes;
    }

    /**
     * A message of {@code text} under {@code applicationDomain} (32 bytes) that {@code signers} commit to.
     *
     * @throws IllegalArgumentException when the domain is not 32 bytes, there is no signer or a signer twice, or the
     *                                  text is empty, not valid Unicode, or longer than 65,535 UTF-8 bytes
     */
    public static OffchainMessage create(byte[] applicationDomain, List<Address> signers, String text) {
        Objects.requireNonNull(applicationDomain, "applicationDomain");
        Objects.requireNonNull(text, "text");
        if (applicationDomain.length != APPLICATION_DOMAIN_LENGTH) {
            throw new IllegalArgumentException("The application domain has 32 bytes, not " + applicationDomain.length);
        }
        requireSigners(signers);
        byte[] body = utf8(text);
        if (body.length == 0) {
            throw new IllegalArgumentException("An off-chain message needs some text");
        }
        if (body.length > MAX_LENGTH) {
            throw new IllegalArgumentException("The text is " + body.length + " bytes of UTF-8; an off-chain message"
                    + " holds at most " + MAX_LENGTH);
        }
        Format format = body.length > MAX_SHORT_LENGTH ? Format.EXTENDED_UTF8
                : printableAscii(body) ? Format.RESTRICTED_ASCII : Format.LIMITED_UTF8;
        ByteArrayOutputStream out = new ByteArrayOutputStream(20 + 32 * signers.size() + body.length + 32);
        out.writeBytes(SIGNING_DOMAIN);
        out.write(0);
        out.writeBytes(applicationDomain);
        out.write(format.ordinal());
        out.write(signers.size());
        for (Address signer : signers) {
            out.writeBytes(signer.bytes());
        }
        out.write(body.length & 0xFF);
        out.write(body.length >>> 8);
        out.writeBytes(body);
        return new OffchainMessage(applicationDomain.clone(), format, signers, text, out.toByteArray());
    }

    /**
     * Parses off-chain message bytes strictly (domain, version 0, format matching the text, lengths exact).
     *
     * @throws MalformedTransactionException naming what is wrong and where
     */
    public static OffchainMessage decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        if (!Arrays.equals(in.read(SIGNING_DOMAIN.length, "signing domain"), SIGNING_DOMAIN)) {
            throw new MalformedTransactionException("Not a Solana off-chain message (no \\xffsolana offchain domain)",
                    0);
        }
        int version = in.readUnsignedByte("header version");
        if (version != 0) {
            throw new MalformedTransactionException("Off-chain message version " + version + " is not supported",
                    in.position() - 1);
        }
        byte[] applicationDomain = in.read(APPLICATION_DOMAIN_LENGTH, "application domain");
        int formatByte = in.readUnsignedByte("message format");
        if (formatByte >= Format.values().length) {
            throw new MalformedTransactionException("Unknown off-chain message format " + formatByte,
                    in.position() - 1);
        }
        Format format = Format.values()[formatByte];
        int signerCount = in.readUnsignedByte("signer count");
        List<Address> signers = new ArrayList<>(signerCount);
        for (int i = 0; i < signerCount; i++) {
            signers.add(Address.of(in.read(Address.LENGTH, "signer " + i)));
        }
        int lengthAt = in.position();
        int length = in.readUnsignedShortLittleEndian("message length");
        if (length == 0 || length != in.remaining()) {
            throw new MalformedTransactionException("The message length says " + length + " bytes but "
                    + in.remaining() + " follow", lengthAt);
        }
        byte[] body = in.read(length, "message");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedTransactionException("The message text is not valid UTF-8", lengthAt + 2);
        }
        boolean formatFits = switch (format) {
            case RESTRICTED_ASCII -> length <= MAX_SHORT_LENGTH && printableAscii(body);
            case LIMITED_UTF8 -> length <= MAX_SHORT_LENGTH;
            case EXTENDED_UTF8 -> true;
        };
        if (!formatFits) {
            throw new MalformedTransactionException("The text does not fit format " + format, lengthAt + 2);
        }
        try {
            requireSigners(signers);
        } catch (IllegalArgumentException e) {
            throw new MalformedTransactionException(e.getMessage(), SIGNING_DOMAIN.length + 1 + 32 + 1);
        }
        return new OffchainMessage(applicationDomain, format, signers, text, bytes.clone());
    }

    /**
     * Signs {@code text} under {@code applicationDomain} with {@code signer}, the message's only signer.
     *
     * @throws IllegalArgumentException as {@link #create} does
     */
    public static SignedOffchainMessage sign(Signer signer, byte[] applicationDomain, String text) {
        Address key = Address.of(signer.publicKey());
        OffchainMessage message = create(applicationDomain, List.of(key), text);
        byte[] signature = Signatures.requireShape(signer.sign(message.bytes));
        return new SignedOffchainMessage(message, key, signature);
    }

    /**
     * Whether {@code signature} is {@code publicKey}'s signature of {@code text} under {@code applicationDomain}, as
     * {@link #sign} makes it. False (never an exception) for a wrong key, signature, domain or text.
     */
    public static boolean verify(byte[] publicKey, byte[] signature, byte[] applicationDomain, String text) {
        if (publicKey == null || publicKey.length != Address.LENGTH || signature == null) {
            return false;
        }
        OffchainMessage message;
        try {
            message = create(applicationDomain, List.of(Address.of(publicKey)), text);
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
        return message.verify(Address.of(publicKey), signature);
    }

    /** Whether {@code signer} is one of this message's signers and {@code signature} is its signature of it. */
    public boolean verify(Address signer, byte[] signature) {
        return signers.contains(signer) && signature != null
                && Signatures.verify(signer.bytes(), bytes, signature);
    }

    /** The bytes a signature covers (a copy). */
    public byte[] serialize() {
        return bytes.clone();
    }

    public byte[] applicationDomain() {
        return applicationDomain.clone();
    }

    public Format format() {
        return format;
    }

    public List<Address> signers() {
        return signers;
    }

    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OffchainMessage that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "OffchainMessage[format=" + format + ", signers=" + signers + ", text=" + text + "]";
    }

    private static void requireSigners(List<Address> signers) {
        if (signers.isEmpty() || signers.size() > 255) {
            throw new IllegalArgumentException("An off-chain message has 1 to 255 signers, not " + signers.size());
        }
        if (new HashSet<>(signers).size() != signers.size()) {
            throw new IllegalArgumentException("A signer is listed twice: " + signers);
        }
    }

    private static byte[] utf8(String text) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            byte[] out = new byte[encoded.remaining()];
            encoded.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("The text is not valid Unicode (a lone surrogate)", e);
        }
    }

    private static boolean printableAscii(byte[] body) {
        for (byte b : body) {
            if (b < 0x20 || b > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static byte[] signingDomain() {
        byte[] name = "solana offchain".getBytes(StandardCharsets.US_ASCII);
        byte[] domain = new byte[name.length + 1];
        domain[0] = (byte) 0xFF;
        System.arraycopy(name, 0, domain, 1, name.length);
        return domain;
    }
}

package dance.normal.sync.tokens;

import dance.normal.protocol.tokens.Quote;

/**
 * The device's wallet as purchases need it: its address, and a signature over a quote's message. The app implements
 * it with wallet-core, which decodes the message and checks it against the listener's spending limits before it
 * signs; a refusal is an exception with a sentence for the listener.
 */
public interface QuoteSigner {

    /** The wallet's address (base58), registered as one of the account's devices. */
    String wallet();

    /** Base58 of the Ed25519 signature over the quote's {@code message} bytes. */
    String sign(Quote quote);
}

'use strict';
// Test-only: checks a Solana off-chain message made by wallet-core against @solana/kit's independent implementation.
// Reads one JSON object {message: base64, signer: base58, signature: base58} from stdin and prints what kit decodes,
// kit's own encoding of that decoded message, and whether kit verifies the signature.

const kit = require('@solana/kit');

async function main() {
    const chunks = [];
    for await (const chunk of process.stdin) {
        chunks.push(chunk);
    }
    const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const bytes = new Uint8Array(Buffer.from(input.message, 'base64'));
    const out = {};
    try {
        const message = kit.getOffchainMessageDecoder().decode(bytes);
        out.version = message.version;
        out.applicationDomain = message.applicationDomain;
        out.format = message.content.format;
        out.text = message.content.text;
        out.signers = message.requiredSignatories.map((s) => s.address);
        out.reencoded = Buffer.from(kit.getOffchainMessageEncoder().encode(message)).toString('base64');
    } catch (e) {
        out.decodeError = e.message;
    }
    try {
        const signatures = { [input.signer]: kit.getBase58Encoder().encode(input.signature) };
        await kit.verifyOffchainMessageEnvelope({ content: bytes, signatures });
        out.verified = true;
    } catch (e) {
        out.verified = false;
        out.verifyError = e.message;
    }
    process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e) => {
    process.stderr.write(`${e.stack}\n`);
    process.exit(1);
});

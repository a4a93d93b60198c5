package dance.normal.server.media;

import java.util.Optional;

/**
 * One MPEG-1/2/2.5 Layer III frame header. Only Layer III is accepted: Layer I/II files are not "MP3" to a player,
 * and every extra layer we accept makes it likelier that arbitrary bytes parse as a header.
 *
 * @param version 1, 2 or 25 (for MPEG 2.5)
 */
record MpegFrame(int version, int bitrateKbps, int sampleRate, boolean padding, boolean mono) {

    private static final int[] BITRATES_V1 = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
    private static final int[] BITRATES_V2 = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};
    private static final int[] RATES_V1 = {44100, 48000, 32000};

    /** Parses the 4 bytes at {@code off}; empty unless they are a Layer III header a decoder would accept. */
    static Optional<MpegFrame> parse(byte[] b, int off, int len) {
        if (off < 0 || off + 4 > len) {
            return Optional.empty();
        }
        int h = (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
        if ((h >>> 21) != 0x7FF) {
            return Optional.empty();
        }
        int versionBits = h >>> 19 & 3;
        int layerBits = h >>> 17 & 3;
        int bitrateIndex = h >>> 12 & 0xF;
        int rateIndex = h >>> 10 & 3;
        int emphasis = h & 3;
        // 01 is a reserved version; 01 as layer means III; bitrate 0 is "free format", which no common encoder
        // writes and whose frame length cannot be computed from the header; 15 and rate 3 are invalid.
        if (versionBits == 1 || layerBits != 1 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3
                || emphasis == 2) {
            return Optional.empty();
        }
        int version = switch (versionBits) {
            case 3 -> 1;
            case 2 -> 2;
            default -> 25;
        };
        int bitrate = (version == 1 ? BITRATES_V1 : BITRATES_V2)[bitrateIndex];
        int rate = switch (version) {
            case 1 -> RATES_V1[rateIndex];
            case 2 -> RATES_V1[rateIndex] / 2;
            default -> RATES_V1[rateIndex] / 4;
        };
        boolean padding = (h >>> 9 & 1) == 1;
        boolean mono = (h >>> 6 & 3) == 3;
        return Optional.of(new MpegFrame(version, bitrate, rate, padding, mono));
    }

    int samplesPerFrame() {
        return version == 1 ? 1152 : 576;
    }

    /** Bytes from this header to the next one. */
    int frameLength() {
        int coefficient = version == 1 ? 144_000 : 72_000;
        return coefficient * bitrateKbps / sampleRate + (padding ? 1 : 0);
    }

    /** Size of the Layer III side information after the header; a Xing/Info tag starts right after it. */
    int sideInfoSize() {
        if (version == 1) {
            return mono ? 17 : 32;
        }
        return mono ? 9 : 17;
    }

    /** Whether {@code next} can follow this frame in one stream (channel mode may legitimately change). */
    boolean sameStream(MpegFrame next) {
        return version == next.version && sampleRate == next.sampleRate;
    }
}

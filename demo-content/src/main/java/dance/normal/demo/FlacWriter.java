package dance.normal.demo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * A small but real FLAC encoder for 16-bit PCM: fixed blocks of 4096 samples, the best of the four stereo
 * decorrelation modes per frame, and per channel the cheapest of CONSTANT, VERBATIM or a FIXED predictor (order 0-4)
 * with partitioned Rice coding. That leaves out LPC, so files are ~10% larger than the reference encoder's, but every
 * decoder reads them. STREAMINFO carries the exact sample count and the MD5 of the PCM, as {@code flac -t} checks.
 */
final class FlacWriter {

    private static final int BLOCK = 4096;
    private static final int MAX_ORDER = 4;
    private static final int MAX_PARTITION_ORDER = 8;
    private static final int BPS = 16;
    private static final String VENDOR = "normal.dance demo";
    private static final int[] CRC8 = new int[256];
    private static final int[] CRC16 = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c8 = i;
            int c16 = i << 8;
            for (int b = 0; b < 8; b++) {
                c8 = (c8 & 0x80) != 0 ? (c8 << 1) ^ 0x07 : c8 << 1;
                c16 = (c16 & 0x8000) != 0 ? (c16 << 1) ^ 0x8005 : c16 << 1;
            }
            CRC8[i] = c8 & 0xFF;
            CRC16[i] = c16 & 0xFFFF;
        }
    }

    private FlacWriter() {
    }

    /** How a channel is coded: its estimated size in bits, and for FIXED the residual and Rice parameters. */
    private record Plan(long bits, int type, int order, int[] residual, int partitionOrder, int[] params,
                        boolean rice2) {
        static final int CONSTANT = 0;
        static final int VERBATIM = 1;
        static final int FIXED = 2;
    }

    static byte[] encode(Pcm pcm, Tags tags) {
        if (pcm.channels() < 1 || pcm.channels() > 2) {
            throw new IllegalArgumentException("mono or stereo only");
        }
        int channels = pcm.channels();
        int frames = pcm.frames();
        short[] samples = pcm.samples();
        BitWriter out = new BitWriter(samples.length + 4096);
        out.bytes("fLaC".getBytes(StandardCharsets.US_ASCII));
        int streamInfoAt = out.byteLength();
        out.bytes(new byte[4 + 34]);
        byte[] comment = vorbisComment(tags);
        out.bits(0x80 | 4, 8);
        out.bits(comment.length, 24);
        out.bytes(comment);

        int[][] input = new int[channels][BLOCK];
        int minFrame = Integer.MAX_VALUE;
        int maxFrame = 0;
        int frameNumber = 0;
        for (int start = 0; start < frames; start += BLOCK) {
            int size = Math.min(BLOCK, frames - start);
            for (int i = 0; i < size; i++) {
                for (int c = 0; c < channels; c++) {
                    input[c][i] = samples[(start + i) * channels + c];
                }
            }
            int before = out.byteLength();
            frame(out, input, size, channels, pcm.sampleRate(), frameNumber++);
            int bytes = out.byteLength() - before;
            minFrame = Math.min(minFrame, bytes);
            maxFrame = Math.max(maxFrame, bytes);
        }
        byte[] file = out.toByteArray();
        int blockSize = Math.min(BLOCK, Math.max(16, frames));
        byte[] info = streamInfo(blockSize, minFrame == Integer.MAX_VALUE ? 0 : minFrame, maxFrame,
                pcm.sampleRate(), channels, frames, md5(pcm));
        System.arraycopy(info, 0, file, streamInfoAt, info.length);
        return file;
    }

    private static byte[] streamInfo(int blockSize, int minFrame, int maxFrame, int rate, int channels, long total,
                                     byte[] md5) {
        BitWriter w = new BitWriter(38);
        w.bits(0, 8);
        w.bits(34, 24);
        w.bits(blockSize, 16);
        w.bits(blockSize, 16);
        w.bits(minFrame, 24);
        w.bits(maxFrame, 24);
        w.bits(rate, 20);
        w.bits(channels - 1, 3);
        w.bits(BPS - 1, 5);
        w.bits(total >>> 32, 4);
        w.bits(total, 32);
        w.bytes(md5);
        return w.toByteArray();
    }

    private static void frame(BitWriter out, int[][] input, int size, int channels, int rate, int number) {
        int start = out.byteLength();
        out.bits(0xFFF8, 16);
        int sizeCode = size == BLOCK ? 12 : size <= 256 ? 6 : 7;
        out.bits(sizeCode, 4);
        out.bits(rate == 44_100 ? 9 : rate == 48_000 ? 10 : 0, 4);
        Plan[] plans;
        int assignment;
        if (channels == 1) {
            plans = new Plan[] {analyze(input[0], size, BPS)};
            assignment = 0;
        } else {
            int[] mid = new int[size];
            int[] side = new int[size];
            for (int i = 0; i < size; i++) {
                mid[i] = (input[0][i] + input[1][i]) >> 1;
                side[i] = input[0][i] - input[1][i];
            }
            Plan left = analyze(input[0], size, BPS);
            Plan right = analyze(input[1], size, BPS);
            Plan m = analyze(mid, size, BPS);
            Plan s = analyze(side, size, BPS + 1);
            long independent = left.bits() + right.bits();
            long leftSide = left.bits() + s.bits();
            long rightSide = s.bits() + right.bits();
            long midSide = m.bits() + s.bits();
            long best = Math.min(Math.min(independent, leftSide), Math.min(rightSide, midSide));
            if (best == independent) {
                plans = new Plan[] {left, right};
                assignment = 1;
            } else if (best == leftSide) {
                plans = new Plan[] {left, s};
                assignment = 8;
            } else if (best == rightSide) {
                plans = new Plan[] {s, right};
                assignment = 9;
            } else {
                plans = new Plan[] {m, s};
                assignment = 10;
            }
            input = switch (assignment) {
                case 8 -> new int[][] {input[0], side};
                case 9 -> new int[][] {side, input[1]};
                case 10 -> new int[][] {mid, side};
                default -> input;
            };
        }
        out.bits(assignment, 4);
        out.bits(0b100, 3);
        out.bits(0, 1);
        utf8(out, number);
        if (sizeCode == 6) {
            out.bits(size - 1, 8);
        } else if (sizeCode == 7) {
            out.bits(size - 1, 16);
        }
        out.bits(crc8(out.buffer(), start, out.byteLength()), 8);
        for (int c = 0; c < plans.length; c++) {
            boolean sideChannel = (assignment == 8 || assignment == 10) ? c == 1 : assignment == 9 && c == 0;
            subframe(out, plans[c], input[c], size, sideChannel ? BPS + 1 : BPS);
        }
        out.alignToByte();
        out.bits(crc16(out.buffer(), start, out.byteLength()), 16);
    }

    private static Plan analyze(int[] x, int n, int bps) {
        boolean constant = true;
        for (int i = 1; i < n && constant; i++) {
            constant = x[i] == x[0];
        }
        if (constant) {
            return new Plan(8 + bps, Plan.CONSTANT, 0, null, 0, null, false);
        }
        Plan best = new Plan(8 + (long) n * bps, Plan.VERBATIM, 0, null, 0, null, false);
        // The fixed predictor of order k leaves the k-th difference of the signal, so each order's residual is
        // one differencing pass over the previous one, computed in place. diff[i] is the residual at sample i.
        int[] diff = new int[n];
        System.arraycopy(x, 0, diff, 0, n);
        for (int order = 0; order <= Math.min(MAX_ORDER, n - 1); order++) {
            if (order > 0) {
                for (int i = n - 1; i >= order; i--) {
                    diff[i] -= diff[i - 1];
                }
            }
            Plan rice = rice(diff, n, order);
            long bits = 8 + (long) order * bps + 6 + rice.bits();
            if (bits < best.bits()) {
                int[] residual = new int[n - order];
                System.arraycopy(diff, order, residual, 0, n - order);
                best = new Plan(bits, Plan.FIXED, order, residual, rice.partitionOrder(), rice.params(),
                        rice.rice2());
            }
        }
        return best;
    }

    /**
     * Picks the partition order and per-partition Rice parameters with the smallest estimated size. The estimate
     * {@code n(k+1) + sum >> k} is off by at most one bit per sample and needs only the sum of each partition.
     */
    private static Plan rice(int[] diff, int blockSize, int order) {
        int maxOrder = 0;
        while (maxOrder < MAX_PARTITION_ORDER && blockSize % (1 << (maxOrder + 1)) == 0
                && (blockSize >> (maxOrder + 1)) > order) {
            maxOrder++;
        }
        long[] sums = new long[1 << maxOrder];
        int partition = blockSize >> maxOrder;
        if (Integer.bitCount(partition) == 1) {
            // Full blocks: a shift instead of a division per sample (this loop runs 20 times per sample).
            int shift = Integer.numberOfTrailingZeros(partition);
            for (int i = order; i < blockSize; i++) {
                int r = diff[i];
                sums[i >>> shift] += (r << 1) ^ (r >> 31);
            }
        } else {
            for (int i = order; i < blockSize; i++) {
                int r = diff[i];
                sums[i / partition] += (r << 1) ^ (r >> 31);
            }
        }
        Plan best = null;
        for (int p = maxOrder; p >= 0; p--) {
            int parts = 1 << p;
            int[] params = new int[parts];
            long bits = 0;
            boolean rice2 = false;
            for (int j = 0; j < parts; j++) {
                int count = (blockSize >> p) - (j == 0 ? order : 0);
                int k = bestParameter(sums[j], count);
                params[j] = k;
                rice2 |= k > 14;
                bits += (long) count * (k + 1) + (sums[j] >>> k);
            }
            bits += (long) parts * (rice2 ? 5 : 4);
            if (best == null || bits < best.bits()) {
                best = new Plan(bits, Plan.FIXED, order, null, p, params, rice2);
            }
            if (p > 0) {
                for (int j = 0; j < parts / 2; j++) {
                    sums[j] = sums[2 * j] + sums[2 * j + 1];
                }
            }
        }
        return best;
    }

    private static int bestParameter(long sum, int count) {
        if (count <= 0 || sum == 0) {
            return 0;
        }
        int guess = Math.max(0, 63 - Long.numberOfLeadingZeros(sum / count + 1));
        int best = 0;
        long bestBits = Long.MAX_VALUE;
        for (int k = Math.max(0, guess - 1); k <= Math.min(30, guess + 1); k++) {
            long bits = (long) count * (k + 1) + (sum >>> k);
            if (bits < bestBits) {
                bestBits = bits;
                best = k;
            }
        }
        return best;
    }

    private static void subframe(BitWriter out, Plan plan, int[] x, int n, int bps) {
        switch (plan.type()) {
            case Plan.CONSTANT -> {
                out.bits(0, 8);
                out.bits(x[0], bps);
            }
            case Plan.VERBATIM -> {
                out.bits(0b00000010, 8);
                for (int i = 0; i < n; i++) {
                    out.bits(x[i], bps);
                }
            }
            default -> {
                out.bits(0b00010000 | plan.order() << 1, 8);
                for (int i = 0; i < plan.order(); i++) {
                    out.bits(x[i], bps);
                }
                out.bits(plan.rice2() ? 1 : 0, 2);
                out.bits(plan.partitionOrder(), 4);
                int parts = 1 << plan.partitionOrder();
                int index = 0;
                for (int j = 0; j < parts; j++) {
                    int k = plan.params()[j];
                    out.bits(k, plan.rice2() ? 5 : 4);
                    int count = (n >> plan.partitionOrder()) - (j == 0 ? plan.order() : 0);
                    for (int i = 0; i < count; i++) {
                        int r = plan.residual()[index++];
                        out.rice((r << 1) ^ (r >> 31), k);
                    }
                }
            }
        }
    }

    /** Frame numbers use the UTF-8 style variable-length code (up to 31 bits here). */
    private static void utf8(BitWriter out, int value) {
        if (value < 0x80) {
            out.bits(value, 8);
            return;
        }
        int bytes = value < 0x800 ? 2 : value < 0x10000 ? 3 : value < 0x200000 ? 4 : value < 0x4000000 ? 5 : 6;
        int shift = (bytes - 1) * 6;
        int prefix = (0xFF00 >> bytes) & 0xFF;
        out.bits(prefix | (value >>> shift), 8);
        for (shift -= 6; shift >= 0; shift -= 6) {
            out.bits(0x80 | ((value >>> shift) & 0x3F), 8);
        }
    }

    private static byte[] vorbisComment(Tags tags) {
        List<String> fields = new ArrayList<>();
        fields.add("TITLE=" + tags.title());
        fields.add("ARTIST=" + tags.artist());
        fields.add("ALBUM=" + tags.album());
        fields.add("TRACKNUMBER=" + tags.track());
        fields.add("GENRE=" + tags.genre());
        fields.add("DATE=" + tags.year());
        byte[] vendor = VENDOR.getBytes(StandardCharsets.UTF_8);
        List<byte[]> encoded = fields.stream().map(f -> f.getBytes(StandardCharsets.UTF_8)).toList();
        int size = 4 + vendor.length + 4 + encoded.stream().mapToInt(e -> 4 + e.length).sum();
        // Unlike the rest of FLAC, the Vorbis comment block is little-endian (it is borrowed from Ogg Vorbis).
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(vendor.length).put(vendor).putInt(encoded.size());
        for (byte[] e : encoded) {
            b.putInt(e.length).put(e);
        }
        return b.array();
    }

    static byte[] md5(Pcm pcm) {
        try {
            return MessageDigest.getInstance("MD5").digest(pcm.littleEndian());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships MD5", e);
        }
    }

    private static int crc8(byte[] data, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc = CRC8[(crc ^ data[i]) & 0xFF];
        }
        return crc;
    }

    private static int crc16(byte[] data, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc = ((crc << 8) ^ CRC16[((crc >>> 8) ^ data[i]) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }
}

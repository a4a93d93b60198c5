package dance.normal.demo;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Canonical PCM RIFF/WAVE with a LIST/INFO chunk, which ffmpeg and most taggers read as title/artist/album. */
final class WavWriter {

    private WavWriter() {
    }

    static byte[] encode(Pcm pcm, Tags tags) {
        byte[] info = info(tags);
        byte[] data = pcm.littleEndian();
        int blockAlign = pcm.channels() * 2;
        ByteBuffer out = ByteBuffer.allocate(12 + 24 + info.length + 8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(ascii("RIFF")).putInt(4 + 24 + info.length + 8 + data.length).put(ascii("WAVE"));
        out.put(ascii("fmt ")).putInt(16)
                .putShort((short) 1)
                .putShort((short) pcm.channels())
                .putInt(pcm.sampleRate())
                .putInt(pcm.sampleRate() * blockAlign)
                .putShort((short) blockAlign)
                .putShort((short) 16);
        out.put(info);
        out.put(ascii("data")).putInt(data.length).put(data);
        return out.array();
    }

    private static byte[] info(Tags tags) {
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        field(fields, "INAM", tags.title());
        field(fields, "IART", tags.artist());
        field(fields, "IPRD", tags.album());
        field(fields, "IGNR", tags.genre());
        field(fields, "ICRD", Integer.toString(tags.year()));
        field(fields, "ITRK", Integer.toString(tags.track()));
        byte[] body = fields.toByteArray();
        ByteBuffer chunk = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put(ascii("LIST")).putInt(4 + body.length).put(ascii("INFO")).put(body);
        return chunk.array();
    }

    /** A zero-terminated string sub-chunk, padded to an even length as RIFF requires. */
    private static void field(ByteArrayOutputStream out, String id, String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        int size = text.length + 1;
        ByteBuffer chunk = ByteBuffer.allocate(8 + size + (size & 1)).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put(ascii(id)).putInt(size).put(text);
        out.writeBytes(chunk.array());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

package dance.normal.demo;

/** Interleaved signed 16-bit samples. */
record Pcm(short[] samples, int sampleRate, int channels) {

    int frames() {
        return samples.length / channels;
    }

    double seconds() {
        return (double) frames() / sampleRate;
    }

    /** The samples as little-endian bytes: the layout of WAV data, of ffmpeg's s16le and of FLAC's MD5 input. */
    byte[] littleEndian() {
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            out[2 * i] = (byte) samples[i];
            out[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return out;
    }
}

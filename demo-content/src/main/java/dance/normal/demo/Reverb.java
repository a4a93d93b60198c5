package dance.normal.demo;

/**
 * Schroeder/Moorer reverb with the "Freeverb" tunings: eight damped comb filters in parallel and four all-passes in
 * series per channel. The right channel's delay lines are slightly longer, which is what makes the tail wide.
 */
final class Reverb {

    private static final int[] COMBS = {1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617};
    private static final int[] ALLPASSES = {556, 441, 341, 225};
    private static final int SPREAD = 23;
    private static final double INPUT_GAIN = 0.015;

    private Reverb() {
    }

    /**
     * Adds the reverberated {@code send} to the stereo buffers.
     *
     * @param room 0-1, longer tails towards 1
     * @param damp 0-1, darker tails towards 1
     */
    static void apply(float[] send, float[] left, float[] right, double room, double damp, double wet) {
        double feedback = 0.7 + 0.28 * Math.clamp(room, 0.0, 1.0);
        double damping = 0.4 * Math.clamp(damp, 0.0, 1.0);
        channel(send, left, 0, feedback, damping, wet * 3);
        channel(send, right, SPREAD, feedback, damping, wet * 3);
    }

    /**
     * The filters are linear, so each comb can run over the whole buffer on its own and the results be summed; one
     * filter per pass keeps its state in registers and is several times faster than interleaving all twelve.
     */
    private static void channel(float[] in, float[] out, int spread, double feedback, double damp, double gain) {
        int n = Math.min(in.length, out.length);
        float[] sum = new float[n];
        for (int length : COMBS) {
            float[] line = new float[length + spread];
            int pos = 0;
            double store = 0;
            for (int i = 0; i < n; i++) {
                double y = line[pos];
                store = y * (1 - damp) + store * damp;
                line[pos] = (float) (in[i] * INPUT_GAIN + store * feedback);
                pos = pos + 1 == line.length ? 0 : pos + 1;
                sum[i] += (float) y;
            }
        }
        for (int length : ALLPASSES) {
            float[] line = new float[length + spread];
            int pos = 0;
            for (int i = 0; i < n; i++) {
                double x = sum[i];
                double delayed = line[pos];
                line[pos] = (float) (x + delayed * 0.5);
                sum[i] = (float) (delayed - x);
                pos = pos + 1 == line.length ? 0 : pos + 1;
            }
        }
        for (int i = 0; i < n; i++) {
            out[i] += (float) (sum[i] * gain);
        }
    }
}

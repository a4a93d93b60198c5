package dance.normal.server.demo;

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

    private static void channel(float[] in, float[] out, int spread, double feedback, double damp, double gain) {
        float[][] combs = new float[COMBS.length][];
        int[] combPos = new int[COMBS.length];
        double[] store = new double[COMBS.length];
        for (int c = 0; c < COMBS.length; c++) {
            combs[c] = new float[COMBS[c] + spread];
        }
        float[][] passes = new float[ALLPASSES.length][];
        int[] passPos = new int[ALLPASSES.length];
        for (int a = 0; a < ALLPASSES.length; a++) {
            passes[a] = new float[ALLPASSES[a] + spread];
        }
        int n = Math.min(in.length, out.length);
        for (int i = 0; i < n; i++) {
            double x = in[i] * INPUT_GAIN;
            double sum = 0;
            for (int c = 0; c < combs.length; c++) {
                float[] line = combs[c];
                double y = line[combPos[c]];
                store[c] = y * (1 - damp) + store[c] * damp;
                line[combPos[c]] = (float) (x + store[c] * feedback);
                combPos[c] = combPos[c] + 1 == line.length ? 0 : combPos[c] + 1;
                sum += y;
            }
            for (int a = 0; a < passes.length; a++) {
                float[] line = passes[a];
                double delayed = line[passPos[a]];
                line[passPos[a]] = (float) (sum + delayed * 0.5);
                sum = delayed - sum;
                passPos[a] = passPos[a] + 1 == line.length ? 0 : passPos[a] + 1;
            }
            out[i] += (float) (sum * gain);
        }
    }
}

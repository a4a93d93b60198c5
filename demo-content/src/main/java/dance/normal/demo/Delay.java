package dance.normal.demo;

/**
 * Tempo-synced ping-pong echo. Repeats lose treble on every pass, like tape or a bucket-brigade chip, so they sit
 * behind the dry sound instead of competing with it.
 */
final class Delay {

    private Delay() {
    }

    static void pingPong(float[] send, float[] left, float[] right, double seconds, double feedback, double mix) {
        int length = Math.max(1, (int) Math.round(seconds * Synth.RATE));
        float[] lineL = new float[length];
        float[] lineR = new float[length];
        double darkL = 0;
        double darkR = 0;
        int pos = 0;
        int n = Math.min(send.length, left.length);
        for (int i = 0; i < n; i++) {
            double outL = lineL[pos];
            double outR = lineR[pos];
            darkL += (outL - darkL) * 0.4;
            darkR += (outR - darkR) * 0.4;
            lineL[pos] = (float) (send[i] + feedback * darkR);
            lineR[pos] = (float) (feedback * darkL);
            left[i] += (float) (outL * mix);
            right[i] += (float) (outR * mix);
            pos = pos + 1 == length ? 0 : pos + 1;
        }
    }
}

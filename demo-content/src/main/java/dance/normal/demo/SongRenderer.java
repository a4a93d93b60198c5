package dance.normal.demo;

import dance.normal.demo.Palette.Part;
import dance.normal.demo.Score.Hit;
import dance.normal.demo.Score.Note;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Turns a {@link SongSpec} into 44.1 kHz stereo PCM: compose, render each part into its own buffer, duck it under the
 * kick where the style wants that pumping feel, mix with reverb and echo sends, then master.
 */
final class SongRenderer {

    private SongRenderer() {
    }

    static Pcm render(SongSpec spec) {
        Random rnd = new Random(spec.seed());
        Palette palette = Palette.of(spec.style(), rnd);
        Score score = Composer.compose(spec, palette, rnd);
        int frames = (int) Math.ceil(score.seconds() * Synth.RATE);
        Bus bus = new Bus(frames);
        float[] duck = duckEnvelope(score.drums(), frames);
        long seed = spec.seed();
        bus.add(palette.pad(), score.pad(), duck, seed + 1);
        bus.add(palette.bass(), score.bass(), duck, seed + 2);
        bus.add(palette.arp(), score.arp(), duck, seed + 3);
        bus.add(palette.lead(), score.lead(), duck, seed + 4);
        bus.drums(palette.kit(), palette.groove().gain(), score.drums(), seed + 5);
        Palette.Space space = palette.space();
        Delay.pingPong(bus.delaySend, bus.left, bus.right, space.delayBeats() * score.beatSeconds(),
                space.feedback(), 0.8);
        Reverb.apply(bus.reverbSend, bus.left, bus.right, space.room(), space.damp(), space.wet());
        if (palette.tape()) {
            tape(bus.left, bus.right, seed + 6);
        }
        boolean ambient = spec.style() == Style.AMBIENT;
        // About -14 LUFS like a streaming service plays it, ambient a little lower; nothing is mastered "loud".
        return Mastering.finish(bus.left, bus.right, ambient ? 0.13 : 0.14, palette.fadeIn(), ambient ? 4.5 : 3.0);
    }

    /**
     * Gain curve that dips after every kick and recovers within ~150 ms: the "side-chain" pump of dance music, which
     * also keeps the kick from fighting with the bass and pads for headroom.
     */
    private static float[] duckEnvelope(List<Hit> hits, int frames) {
        float[] env = new float[frames];
        Arrays.fill(env, 1f);
        int length = (int) (0.25 * Synth.RATE);
        for (Hit hit : hits) {
            if (hit.voice() != Drums.Voice.KICK) {
                continue;
            }
            int start = (int) Math.round(hit.start() * Synth.RATE);
            for (int i = 0; i < length && start + i < frames; i++) {
                double t = (double) i / Synth.RATE;
                double dip = 1 - Math.exp(-t / 0.06);
                env[start + i] = (float) Math.min(env[start + i], dip);
            }
        }
        return env;
    }

    /** Vinyl hiss and crackle plus a darker top end, the lo-fi signature. */
    private static void tape(float[] left, float[] right, long seed) {
        Noise noise = new Noise(seed);
        Svf lpL = new Svf(5200, 0.05);
        Svf lpR = new Svf(5200, 0.05);
        double crackle = 0;
        for (int i = 0; i < left.length; i++) {
            double hiss = noise.next() * 0.004;
            if (noise.nextUnit() < 9.0 / Synth.RATE) {
                crackle = (noise.next() > 0 ? 1 : -1) * (0.03 + 0.07 * noise.nextUnit());
            }
            double pop = crackle;
            crackle *= 0.72;
            lpL.tick(left[i] + hiss + pop);
            lpR.tick(right[i] + hiss + pop * 0.6);
            left[i] = (float) lpL.low();
            right[i] = (float) lpR.low();
        }
    }

    /** The stereo mix plus mono send buffers for the effects. */
    private static final class Bus {

        final float[] left;
        final float[] right;
        final float[] reverbSend;
        final float[] delaySend;
        private final float[] partLeft;
        private final float[] partRight;

        Bus(int frames) {
            left = new float[frames];
            right = new float[frames];
            reverbSend = new float[frames];
            delaySend = new float[frames];
            partLeft = new float[frames];
            partRight = new float[frames];
        }

        void add(Part part, List<Note> notes, float[] duck, long seed) {
            if (part.isSilent() || notes.isEmpty()) {
                return;
            }
            Arrays.fill(partLeft, 0f);
            Arrays.fill(partRight, 0f);
            long noteSeed = seed;
            for (Note note : notes) {
                Synth.note(partLeft, partRight, note.start(), note.length(), note.midi(), note.velocity(), note.pan(),
                        part.patch(), noteSeed++);
            }
            mix(part.gain(), part.duck(), duck, part.reverb(), part.delay());
        }

        void drums(Drums.Kit kit, double gain, List<Hit> hits, long seed) {
            if (hits.isEmpty()) {
                return;
            }
            Arrays.fill(partLeft, 0f);
            Arrays.fill(partRight, 0f);
            // Like a drum machine's samples, each voice is synthesised once per song and replayed at each hit.
            Map<Drums.Voice, float[][]> sounds = new EnumMap<>(Drums.Voice.class);
            for (Hit hit : hits) {
                float[][] sound = sounds.computeIfAbsent(hit.voice(), v -> Drums.render(kit, v, seed + v.ordinal()));
                int offset = (int) Math.round(hit.start() * Synth.RATE);
                int n = Math.min(sound[0].length, partLeft.length - offset);
                float velocity = (float) hit.velocity();
                for (int i = 0; i < n; i++) {
                    partLeft[offset + i] += sound[0][i] * velocity;
                    partRight[offset + i] += sound[1][i] * velocity;
                }
            }
            mix(gain, 0, null, 0.08, 0);
        }

        private void mix(double gain, double duckAmount, float[] duck, double reverb, double delay) {
            for (int i = 0; i < left.length; i++) {
                double g = gain;
                if (duck != null && duckAmount > 0) {
                    g *= 1 - duckAmount * (1 - duck[i]);
                }
                double l = partLeft[i] * g;
                double r = partRight[i] * g;
                left[i] += (float) l;
                right[i] += (float) r;
                double mono = (l + r) * 0.5;
                reverbSend[i] += (float) (mono * reverb);
                if (delay > 0) {
                    delaySend[i] += (float) (mono * delay);
                }
            }
        }
    }
}

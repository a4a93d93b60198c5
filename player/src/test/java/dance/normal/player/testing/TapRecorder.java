package dance.normal.player.testing;

import dance.normal.player.vlc.AudioTap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Keeps every block of audio an engine would have played, and the volumes it set. */
public final class TapRecorder implements AudioTap {

    /**
     * One block as heard.
     *
     * @param arrivedUs when libVLC handed it over, on the same clock as {@code ptsUs}: after {@code ptsUs} the block
     *                  came too late to be heard in time (a sound card would have run dry)
     */
    public record Block(int player, long ptsUs, int frames, double rms, long arrivedUs) {
        public long endUs() {
            return ptsUs + AudioTap.durationUs(frames);
        }

        /** {@return how long after its time the block arrived; 0 or less when in time} */
        public long lateUs() {
            return arrivedUs - ptsUs;
        }
    }

    /** One volume the engine set. */
    public record Volume(int player, float volume, boolean muted) {
    }

    private final List<Block> blocks = new CopyOnWriteArrayList<>();
    private final List<Volume> volumes = new CopyOnWriteArrayList<>();

    @Override
    public void block(int player, long ptsUs, int frames, double rms) {
        blocks.add(new Block(player, ptsUs, frames, rms, AudioTap.clockUs()));
    }

    @Override
    public void volume(int player, float volume, boolean muted) {
        volumes.add(new Volume(player, volume, muted));
    }

    public List<Block> blocks() {
        return List.copyOf(blocks);
    }

    public List<Volume> volumes() {
        return List.copyOf(volumes);
    }

    public void clear() {
        blocks.clear();
        volumes.clear();
    }

    /** The mean level of the blocks that match, skipping the first and last of them (fades, partial blocks). */
    public double meanRms(Predicate<Block> which) {
        List<Block> matching = blocks.stream().filter(which).toList();
        if (matching.size() < 3) {
            return Double.NaN;
        }
        return matching.subList(1, matching.size() - 1).stream().mapToDouble(Block::rms).average().orElseThrow();
    }
}

package dance.normal.sync.library;

import java.util.ArrayList;
import java.util.List;

/**
 * The stated rule for a playlist edited on two devices: nothing either device did is lost. Starting from the server's
 * tracks (the other device's edit), the tracks this device removed since its base are removed, and the tracks it
 * added are appended in its order. The name this device gave wins if it changed it; otherwise the server's stays.
 */
public final class PlaylistMerge {

    private PlaylistMerge() {
    }

    /**
     * @param base   the tracks this device's edit started from
     * @param ours   the tracks after this device's edit
     * @param theirs the tracks on the server now
     * @return the merged tracks
     */
    public static List<String> tracks(List<String> base, List<String> ours, List<String> theirs) {
        List<String> removed = difference(base, ours);
        List<String> added = difference(ours, base);
        List<String> merged = new ArrayList<>(theirs);
        for (String gone : removed) {
            merged.remove(gone);
        }
        merged.addAll(added);
        return merged;
    }

    /** The name after a merge: ours if this device renamed it, else theirs. */
    public static String name(String baseName, String ourName, String theirName) {
        return ourName.equals(baseName) ? theirName : ourName;
    }

    /** {@code a} minus {@code b} as multisets, in {@code a}'s order. */
    private static List<String> difference(List<String> a, List<String> b) {
        List<String> rest = new ArrayList<>(b);
        List<String> out = new ArrayList<>();
        for (String x : a) {
            if (!rest.remove(x)) {
                out.add(x);
            }
        }
        return out;
    }
}

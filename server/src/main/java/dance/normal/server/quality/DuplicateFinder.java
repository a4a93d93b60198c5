package dance.normal.server.quality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Finds the catalog track a fingerprint is the same recording as (decision 0040). The index gives candidates: the
 * tracks sharing the most sampled keys at one consistent time offset. Each of the best few is then scored by the
 * share of equal bits over the whole overlap, at that offset and a few frames around it; a score at or above
 * {@link #THRESHOLD} is a match. Re-encodings scored 0.99 here (MP3 96 kbit/s, Opus), different recordings at most
 * 0.76, so the threshold sits between them with room on both sides.
 */
public final class DuplicateFinder {

    /** Bit agreement from which two fingerprints are the same recording. */
    public static final double THRESHOLD = 0.88;
    /** Tracks scored in full per lookup. */
    static final int CANDIDATES = 5;
    /** Keys two tracks must share at one offset to be scored at all. */
    static final int MIN_VOTES = 2;
    /** Frames either side of the index's offset that are scored too (encoder delays shift by a frame or so). */
    static final int RADIUS = 3;
    /** The least overlap scored, in frames (about five seconds). */
    static final int MIN_OVERLAP = 40;
    /** A fingerprint shorter than this (about 2.5 seconds) is too short to call anything a copy of it. */
    static final int MIN_FRAMES = 20;

    /** A track that is the same recording, with its score. */
    public record Match(String trackId, double agreement, int offset) {
    }

    private final FingerprintRepository fingerprints;

    public DuplicateFinder(FingerprintRepository fingerprints) {
        this.fingerprints = fingerprints;
    }

    /** The best-scoring track in {@code scope} that is the same recording as {@code fp}, if any. */
    public Optional<Match> find(Handle h, Fingerprint fp, FingerprintRepository.Scope scope) {
        if (fp.length() < MIN_FRAMES) {
            return Optional.empty();
        }
        Map<Integer, Integer> queryPositions = new HashMap<>();
        for (Fingerprint.Key key : fp.keys()) {
            queryPositions.put(key.key(), key.position());
        }
        List<Candidate> candidates = candidates(fingerprints.postings(h, queryPositions.keySet(), scope),
                queryPositions);
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Fingerprint> stored = fingerprints.findAll(h,
                candidates.stream().map(Candidate::trackId).toList());
        Match best = null;
        for (Candidate c : candidates) {
            Fingerprint other = stored.get(c.trackId());
            if (other == null) {
                continue;
            }
            Match m = score(fp, other, c.trackId(), c.offset());
            if (m.agreement() >= THRESHOLD && (best == null || m.agreement() > best.agreement())) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Tracks with their best offset (stored position minus query position) and its votes, most votes first. */
    private record Candidate(String trackId, int offset, int votes) {
    }

    private static List<Candidate> candidates(List<FingerprintRepository.Posting> postings,
                                              Map<Integer, Integer> queryPositions) {
        Map<String, Map<Integer, Integer>> votes = new HashMap<>();
        for (FingerprintRepository.Posting p : postings) {
            Integer at = queryPositions.get(p.key());
            if (at != null) {
                votes.computeIfAbsent(p.trackId(), t -> new HashMap<>()).merge(p.position() - at, 1, Integer::sum);
            }
        }
        List<Candidate> out = new ArrayList<>();
        votes.forEach((track, byOffset) -> {
            // Neighbouring offsets vote together: a frame's worth of drift splits the same alignment.
            Candidate best = null;
            for (int offset : byOffset.keySet()) {
                int v = byOffset.get(offset) + byOffset.getOrDefault(offset - 1, 0)
                        + byOffset.getOrDefault(offset + 1, 0);
                if (best == null || v > best.votes()) {
                    best = new Candidate(track, offset, v);
                }
            }
            if (best.votes() >= MIN_VOTES) {
                out.add(best);
            }
        });
        out.sort(Comparator.comparingInt(Candidate::votes).reversed().thenComparing(Candidate::trackId));
        return out.size() > CANDIDATES ? out.subList(0, CANDIDATES) : out;
    }

    /** The best agreement of {@code query} over {@code stored} at {@code offset} and the frames around it. */
    static Match score(Fingerprint query, Fingerprint stored, String trackId, int offset) {
        int minOverlap = Math.min(MIN_OVERLAP, Math.min(query.length(), stored.length()) / 2);
        Match best = new Match(trackId, 0, offset);
        for (int o = offset - RADIUS; o <= offset + RADIUS; o++) {
            double a = query.agreement(stored, o, Math.max(1, minOverlap));
            if (a > best.agreement()) {
                best = new Match(trackId, a, o);
            }
        }
        return best;
    }
}

package dance.normal.sync.api;

import dance.normal.protocol.Problem;
import java.util.Objects;

/** The server answered with an RFC 9457 problem: a refusal the caller can act on (a 4xx, or a 5xx it explained). */
public final class ProblemException extends ApiException {

    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.status() + " " + problem.title() + ": " + problem.detail(), null);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public Problem problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }

    /** Whether the problem is of a given type URI, e.g. {@code ProblemType.NOT_FOUND.uri()}. */
    public boolean is(String typeUri) {
        return typeUri.equals(problem.type());
    }
}

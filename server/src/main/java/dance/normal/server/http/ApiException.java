package dance.normal.server.http;

import dance.normal.protocol.ProblemType;
import java.util.Map;

/**
 * An error a client caused or must know about; becomes an {@code application/problem+json} answer. The detail is
 * shown to people, so it says what was wrong and never includes internals.
 */
public final class ApiException extends RuntimeException {

    private final ProblemType type;
    private final int status;
    private final Map<String, String> headers;

    public ApiException(ProblemType type, int status, String detail) {
        this(type, status, detail, Map.of());
    }

    public ApiException(ProblemType type, int status, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.type = type;
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(ProblemType.BAD_REQUEST, 400, detail);
    }

    public static ApiException validation(String detail) {
        return new ApiException(ProblemType.VALIDATION, 422, detail);
    }

    public static ApiException unauthenticated(String detail) {
        return new ApiException(ProblemType.UNAUTHENTICATED, 401, detail, Map.of("WWW-Authenticate", "Bearer"));
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(ProblemType.FORBIDDEN, 403, detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(ProblemType.NOT_FOUND, 404, detail);
    }

    public static ApiException conflict(ProblemType type, String detail) {
        return new ApiException(type, 409, detail);
    }

    public ProblemType type() {
        return type;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }
}

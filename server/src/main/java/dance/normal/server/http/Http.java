package dance.normal.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dance.normal.protocol.ProblemType;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.UUID;

/** Small helpers for handlers: reading JSON bodies and query parameters with clear errors. */
public final class Http {

    private static final int MAX_JSON_BYTES = 1024 * 1024;
    /** How much of a refused body is read and thrown away so its client sees the refusal. */
    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    private Http() {
    }

    /** Reads a JSON body as {@code type}; a missing, malformed or mistyped body is a 400 naming the problem. */
    public static <T> T body(Context ctx, ObjectMapper json, Class<T> type) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(ProblemType.BAD_REQUEST, 415,
                    "Send the body as application/json.");
        }
        byte[] bytes;
        boolean tooLarge;
        try (InputStream in = ctx.bodyInputStream()) {
            bytes = in.readNBytes(MAX_JSON_BYTES + 1);
            tooLarge = bytes.length > MAX_JSON_BYTES;
            if (tooLarge) {
                // Discard (never keep) the rest, up to a bound, so the client finishes sending and reads the 413
                // instead of seeing the connection reset under its unsent bytes.
                discard(in, Math.min(DRAIN_LIMIT, Math.max(0, ctx.req().getContentLengthLong() - bytes.length)));
            }
        } catch (IOException e) {
            throw ApiException.badRequest("The request body could not be read.");
        }
        if (tooLarge) {
            ctx.header("Connection", "close");
            throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, 413,
                    "The JSON body is larger than 1 MiB.");
        }
        if (bytes.length == 0) {
            throw ApiException.badRequest("The request body is empty; send a JSON object.");
        }
        try {
            T value = json.readValue(bytes, type);
            if (value == null) {
                throw ApiException.badRequest("The request body is null; send a JSON object.");
            }
            return value;
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            throw ApiException.validation(cause != null && cause.getMessage() != null
                    ? cause.getMessage() : "A field has a value that is not allowed.");
        } catch (InvalidFormatException e) {
            throw ApiException.badRequest("The field \"" + path(e) + "\" has a value of the wrong type.");
        } catch (MismatchedInputException e) {
            String field = path(e);
            if (field.isEmpty()) {
                throw ApiException.badRequest("The request body must be a JSON object.");
            }
            if (isWholeNumber(e.getTargetType()) && e.getMessage() != null
                    && e.getMessage().contains("Floating-point")) {
                throw ApiException.badRequest("The field \"" + field + "\" must be a whole number, not a fraction.");
            }
            throw ApiException.badRequest("The field \"" + field + "\" has a value of the wrong type.");
        } catch (JsonMappingException e) {
            // A number too large for its field arrives as the parser's coercion error, wrapped with the field's path.
            String field = path(e);
            if (e.getCause() instanceof InputCoercionException coercion && !field.isEmpty()) {
                throw ApiException.badRequest("The field \"" + field + "\" is out of range"
                        + (isWholeNumber(coercion.getTargetType()) ? " for a whole number." : "."));
            }
            throw ApiException.badRequest(field.isEmpty() ? "The request body does not have the expected shape."
                    : "The field \"" + field + "\" has a value of the wrong type.");
        } catch (InputCoercionException e) {
            throw ApiException.badRequest("A number in the request body is out of range.");
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("The request body is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").");
        } catch (IOException e) {
            throw ApiException.badRequest("The request body could not be read.");
        }
    }

    /** Reads and drops up to {@code max} bytes, stopping early at the end of the stream. */
    private static void discard(InputStream in, long max) throws IOException {
        byte[] sink = new byte[64 * 1024];
        long left = max;
        while (left > 0) {
            int n = in.read(sink, 0, (int) Math.min(sink.length, left));
            if (n < 0) {
                return;
            }
            left -= n;
        }
    }

    private static boolean isWholeNumber(Class<?> type) {
        return type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == java.math.BigInteger.class;
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** An integer query parameter within bounds, or the default when absent. */
    public static int intQuery(Context ctx, String name, int defaultValue, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("The parameter \"" + name + "\" must be a whole number from " + min
                    + " to " + max + ".");
        }
    }

    /** A path parameter that must be a UUID; anything else (traversal, SQL, junk) is a 404, as no such id exists. */
    public static String uuidPath(Context ctx, String name, String what) {
        String raw = ctx.pathParam(name);
        try {
            UUID.fromString(raw);
            if (raw.length() == 36) {
                return raw.toLowerCase(Locale.ROOT);
            }
        } catch (IllegalArgumentException e) {
            // falls through to not found
        }
        throw ApiException.notFound("There is no such " + what + ".");
    }

    /** A UUID in a JSON field; 422 naming the field otherwise. */
    public static String uuid(String value, String field) {
        String v = value == null ? "" : value.strip();
        try {
            UUID.fromString(v);
            if (v.length() == 36) {
                return v.toLowerCase(Locale.ROOT);
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw ApiException.validation(field + " must be an id like 123e4567-e89b-12d3-a456-426614174000.");
    }

    /**
     * Whether the request's If-None-Match names {@code etag}, with the weak comparison RFC 9110 asks for: W/"x"
     * matches "x" (a proxy that compresses marks tags weak), a list matches when any entry does, "*" always.
     */
    public static boolean notModified(Context ctx, String etag) {
        String header = ctx.header("If-None-Match");
        if (header == null) {
            return false;
        }
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}

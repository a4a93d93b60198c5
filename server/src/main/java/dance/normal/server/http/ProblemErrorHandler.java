package dance.normal.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.protocol.Problem;
import dance.normal.protocol.ProblemType;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before a request reaches Javalin (a malformed or ambiguous URI such as {@code %00},
 * an address or headers too long): as {@code application/problem+json} like every other error, instead of Jetty's
 * HTML page, and never with Jetty's message, which may echo the request.
 */
public final class ProblemErrorHandler extends ErrorHandler {

    private final ObjectMapper json;

    public ProblemErrorHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String requestId = UUID.randomUUID().toString();
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.getHeaders().put("X-Request-Id", requestId);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.write(true, ByteBuffer.wrap(body(code, requestId)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        String requestId = UUID.randomUUID().toString();
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE));
        fields.put("X-Request-Id", requestId);
        fields.put("X-Content-Type-Options", "nosniff");
        return ByteBuffer.wrap(body(status, requestId));
    }

    private byte[] body(int status, String requestId) {
        ProblemType type = Problems.typeFor(status);
        String detail = switch (status) {
            case 400 -> "The request could not be read: its address, headers or encoding are malformed.";
            case 404 -> "There is nothing at this address.";
            case 405 -> "This method is not allowed here.";
            case 408 -> "The request took too long to arrive.";
            case 413 -> "The request is too large.";
            case 414 -> "The address is too long.";
            case 431 -> "The request headers are too large.";
            default -> status >= 500
                    ? "Something went wrong on our side. Try again; if it keeps happening, tell us the request id."
                    : "The request could not be handled.";
        };
        try {
            return json.writeValueAsBytes(new Problem(type.uri(), type.title(), status, detail, null, requestId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem could not be written as JSON", e);
        }
    }
}

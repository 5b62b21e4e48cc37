package io.statfeed.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Errors Jetty answers before a request reaches a route (a broken request line, headers or a body
 * too large, an ambiguous URI) get the tier's JSON error shape, never an HTML page or a stack trace.
 * Every server tier (api-server, web-app, app-servers) installs one.
 */
public final class JsonErrorHandler extends ErrorHandler {
    /** Jetty's own word on a bad request is kept when it is this short; longer text is not a message. */
    static final int MAX_JETTY_MESSAGE = 200;

    /** Writes the tier's error body, e.g. {@code {"status":400,"msg":"..."}}. */
    public interface ErrorBody {
        String of(int status, String message);
    }

    private final String contentType;
    private final ErrorBody body;

    public JsonErrorHandler(String contentType, ErrorBody body) {
        this.contentType = contentType;
        this.body = body;
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, contentType));
        return ByteBuffer.wrap(body.of(status, message(status, reason)).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message)
            throws IOException {
        baseRequest.setHandled(true);
        response.setContentType(contentType);
        response.getOutputStream().write(body.of(code, message(code, message)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A 4xx message is Jetty's word on the request and helps the caller; anything else may carry an
     * exception's text, so only the standard reason goes out.
     */
    static String message(int status, String jettys) {
        boolean useful = status < HttpStatus.INTERNAL_SERVER_ERROR_500 && jettys != null && !jettys.isBlank()
                && jettys.length() <= MAX_JETTY_MESSAGE;
        return useful ? jettys : reason(status);
    }

    /** The standard reason phrase of a status ("Not Found"), or "error N" for one without. */
    public static String reason(int status) {
        String known = HttpStatus.getMessage(status);
        return known == null || known.equals(Integer.toString(status)) ? "error " + status : known;
    }
}

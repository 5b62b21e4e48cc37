package io.statfeed.appservers.rpc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Errors Jetty answers before a request reaches a route (a broken request line, a body over the
 * limit) get the same JSON shape as every other answer, never an HTML page or a stack trace.
 */
public final class JsonErrorHandler extends ErrorHandler {
    public JsonErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, WireFormat.JSON));
        return ByteBuffer.wrap(WireFormat.error(status, reason == null ? "bad request" : reason)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message)
            throws IOException {
        baseRequest.setHandled(true);
        response.setContentType(WireFormat.JSON);
        response.getOutputStream().write(WireFormat.error(code, message == null ? "error" : message)
                .getBytes(StandardCharsets.UTF_8));
    }
}

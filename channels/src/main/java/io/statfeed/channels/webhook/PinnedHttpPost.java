package io.statfeed.channels.webhook;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST over a socket connected to an address that was already checked.
 *
 * <p>Why not {@code java.net.http.HttpClient}: on Java 17 it looks the host up again itself, and
 * has no way to be handed an address. Between our check and its lookup a name can be made to
 * resolve to 127.0.0.1 (DNS rebinding), which is the attack the check is there to stop. Pointing
 * it at the IP instead breaks the Host header (restricted) and TLS (SNI and the certificate are
 * checked against the IP). Here the socket goes to the checked address while Host, SNI and the
 * certificate check use the name from the URL.
 *
 * <p>Only the status line of the answer is read; the connection is closed after it.
 */
final class PinnedHttpPost {
    private static final int MAX_LINE_BYTES = 8_192;
    /** A server may send 100 Continue (or 103 Early Hints) before its answer; a few are plenty. */
    private static final int MAX_INTERIM_LINES = 200;
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] ([1-5][0-9]{2})(?: .*)?");

    private final SSLSocketFactory tls;

    PinnedHttpPost(SSLSocketFactory tls) {
        this.tls = tls;
    }

    /** The answer's status code; an {@link IOException} when none came within the timeout. */
    int post(WebhookTarget target, List<InetAddress> addresses, Map<String, String> headers, byte[] body,
             Duration timeout) throws IOException {
        Deadline deadline = new Deadline(timeout);
        try (Socket socket = connect(addresses, target.port(), deadline)) {
            Socket stream = target.https() ? secure(socket, target, deadline) : socket;
            try {
                OutputStream out = stream.getOutputStream();
                out.write(head(target, headers, body.length));
                out.write(body);
                out.flush();
                return status(stream, new BufferedInputStream(stream.getInputStream()), deadline);
            } finally {
                stream.close();
            }
        }
    }

    /** Each checked address in turn, as a browser does, while time is left. */
    private static Socket connect(List<InetAddress> addresses, int port, Deadline deadline) throws IOException {
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), deadline.remainingMillis());
                return socket;
            } catch (ConnectException | NoRouteToHostException e) {
                socket.close();
                last = e;
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }
        throw last != null ? last : new ConnectException("no address to connect to");
    }

    private SSLSocket secure(Socket socket, WebhookTarget target, Deadline deadline) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.createSocket(socket, target.bareHost(), target.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must be the URL's host's
        if (!target.hostIsLiteral()) {
            parameters.setServerNames(List.of(new SNIHostName(target.bareHost())));
        }
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(deadline.remainingMillis());
        ssl.startHandshake();
        return ssl;
    }

    private static byte[] head(WebhookTarget target, Map<String, String> headers, int contentLength) {
        StringBuilder head = new StringBuilder()
                .append("POST ").append(target.requestTarget()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(target.hostHeader()).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(contentLength).append("\r\n")
                .append("Connection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static int status(Socket socket, InputStream in, Deadline deadline) throws IOException {
        for (int interimLines = 0; interimLines < MAX_INTERIM_LINES; interimLines++) {
            String line = line(socket, in, deadline);
            Matcher m = STATUS_LINE.matcher(line);
            if (!m.matches()) {
                throw new ProtocolException("the answer is not HTTP/1.x: '" + printable(line) + "'");
            }
            int status = Integer.parseInt(m.group(1));
            if (status >= 200 || status == 101) {
                return status;
            }
            // an interim answer: skip its headers, the real one follows
            while (!line(socket, in, deadline).isEmpty()) {
                interimLines++;
            }
        }
        throw new ProtocolException("the answer never got past interim 1xx responses");
    }

    private static String line(Socket socket, InputStream in, Deadline deadline) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            socket.setSoTimeout(deadline.remainingMillis());
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the connection closed before an answer came");
            }
            if (c == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1);
            }
            if (c != '\r') {
                line.write(c);
            }
            if (line.size() > MAX_LINE_BYTES) {
                throw new ProtocolException("the answer has a line longer than " + MAX_LINE_BYTES + " bytes");
            }
        }
    }

    private static String printable(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return shown.replaceAll("[^ -~]", "?");
    }

    /** One budget for connecting, the TLS handshake, sending and the answer. */
    private static final class Deadline {
        private final long endNanos;
        private final Duration timeout;

        Deadline(Duration timeout) {
            this.timeout = timeout;
            this.endNanos = System.nanoTime() + timeout.toNanos();
        }

        int remainingMillis() throws SocketTimeoutException {
            long left = Duration.ofNanos(endNanos - System.nanoTime()).toMillis();
            if (left <= 0) {
                throw new SocketTimeoutException("no answer within " + timeout.toMillis() + " ms");
            }
            return (int) Math.min(left, Integer.MAX_VALUE);
        }
    }
}

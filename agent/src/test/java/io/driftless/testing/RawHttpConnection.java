package io.driftless.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection over a plain socket, with no retry and no hidden reconnect: a connection that
 * closes while a request is outstanding is an {@link IOException}, exactly what a user's client would see.
 */
final class RawHttpConnection implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int readTimeoutMillis;
    private int exchanges;

    RawHttpConnection(String host, int port, int timeoutMillis) throws IOException {
        this.readTimeoutMillis = timeoutMillis;
        socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            socket.close();
            throw new IOException("connect failed: " + e, e);
        }
    }

    /** A complete response; {@code reusable} is false when the server said or made it the last one. */
    record Response(int status, String body, boolean reusable) {
    }

    /** How many requests this connection has carried. */
    int exchanges() {
        return exchanges;
    }

    Response get(String path, String hostHeader, boolean lastRequest) throws IOException {
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: driftless-load\r\n"
                + (lastRequest ? "Connection: close\r\n" : "") + "\r\n";
        exchanges++;
        try {
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new IOException("sending failed: " + e, e);
        }
        return read(lastRequest);
    }

    /**
     * Whether the server closed this idle connection after its last complete answer. Every HTTP client
     * checks this before reusing a connection; it is not a retry. Bytes where none are due are a failure.
     */
    boolean closedWhileIdle() throws IOException {
        socket.setSoTimeout(1);
        try {
            in.mark(1);
            int b = in.read();
            if (b == -1) {
                return true;
            }
            throw new IOException("server sent bytes on an idle connection (0x" + Integer.toHexString(b) + ")");
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(readTimeoutMillis);
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket we are done with
        }
    }

    private Response read(boolean lastRequest) throws IOException {
        while (true) {
            String statusLine = line(true);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP status line: '" + statusLine + "'");
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, String> headers = new HashMap<>();
            for (String header = line(false); !header.isEmpty(); header = line(false)) {
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.merge(header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            header.substring(colon + 1).strip(), (a, b) -> a + ", " + b);
                }
            }
            if (status / 100 == 1) {
                continue; // an interim answer; the real one follows
            }
            boolean close = lastRequest || parts[0].equals("HTTP/1.0")
                    || headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT).contains("close");
            String body;
            if (status == 204 || status == 304) {
                body = "";
            } else if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
                body = chunked();
            } else if (headers.containsKey("content-length")) {
                int length = Integer.parseInt(headers.get("content-length"));
                byte[] bytes = in.readNBytes(length);
                if (bytes.length < length) {
                    throw new IOException("connection closed mid-body (" + bytes.length + " of " + length + " bytes)");
                }
                body = new String(bytes, StandardCharsets.UTF_8);
            } else {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                close = true;
            }
            return new Response(status, body, !close);
        }
    }

    private String chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(false);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
            if (size == 0) {
                while (!line(false).isEmpty()) {
                    // trailers: not needed
                }
                return body.toString(StandardCharsets.UTF_8);
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size) {
                throw new IOException("connection closed mid-chunk");
            }
            body.writeBytes(chunk);
            if (!line(false).isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    /** One CRLF-terminated line; EOF before its end is a failure, named by where it happened. */
    private String line(boolean statusLine) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                throw new IOException("no answer within " + readTimeoutMillis + " ms", e);
            }
            if (b == -1) {
                throw new IOException(statusLine && line.isEmpty()
                        ? "connection closed without response" : "connection closed mid-response");
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) b);
        }
    }
}

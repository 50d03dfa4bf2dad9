package io.driftless.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body of at most {@code limit} bytes. A declared {@code Content-Length} over the limit is refused
 * before reading a byte; a chunked body is read only up to the limit, never buffered whole.
 */
public final class BoundedBody {
    private BoundedBody() {
    }

    /** The body is larger than the limit (answer 413). */
    public static final class TooLarge extends Exception {
        TooLarge(long limit) {
            super("the body is larger than " + limit + " bytes");
        }
    }

    /** @param contentLength the header's value (already checked by the server to be a number), or null */
    public static byte[] read(InputStream in, String contentLength, int limit) throws IOException, TooLarge {
        if (contentLength != null && Long.parseLong(contentLength.strip()) > limit) {
            throw new TooLarge(limit);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            int room = limit + 1 - body.size();
            int n = in.read(buffer, 0, Math.min(buffer.length, room));
            if (n < 0) {
                return body.toByteArray();
            }
            body.write(buffer, 0, n);
            if (body.size() > limit) {
                throw new TooLarge(limit);
            }
        }
    }
}

package io.driftless.http;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Request bodies are read up to a limit, never buffered whole. */
class BoundedBodyTest {
    static final int LIMIT = 1 << 20;

    /** An endless body that counts what was read from it. */
    static final class Endless extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            read += len;
            return len;
        }
    }

    @Test
    void aBodyUpToTheLimitIsReadWhole() throws Exception {
        byte[] exactly = new byte[LIMIT];
        exactly[LIMIT - 1] = 7;

        assertArrayEquals(exactly, BoundedBody.read(new ByteArrayInputStream(exactly), Integer.toString(LIMIT), LIMIT));
        assertArrayEquals(new byte[0], BoundedBody.read(new ByteArrayInputStream(new byte[0]), null, LIMIT));
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeReading() {
        Endless body = new Endless();

        assertThrows(BoundedBody.TooLarge.class, () -> BoundedBody.read(body, Integer.toString(LIMIT + 1), LIMIT));
        assertEquals(0, body.read);
    }

    @Test
    void anUndeclaredEndlessBodyIsCutAtTheLimit() {
        Endless body = new Endless();

        assertThrows(BoundedBody.TooLarge.class, () -> BoundedBody.read(body, null, LIMIT));
        assertTrue(body.read <= LIMIT + 1, "read " + body.read + " bytes");
    }
}

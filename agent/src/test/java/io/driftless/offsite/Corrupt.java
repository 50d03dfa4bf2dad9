package io.driftless.offsite;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/** Damages a copy the way a bad disk or a broken upload does: same size, one byte different. */
final class Corrupt {
    private Corrupt() {
    }

    static void flipAByte(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long middle = raf.length() / 2;
            raf.seek(middle);
            int b = raf.read();
            raf.seek(middle);
            raf.write(b ^ 0x01);
        }
    }
}

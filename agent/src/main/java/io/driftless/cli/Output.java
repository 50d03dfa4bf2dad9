package io.driftless.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * Where a command prints its result. With {@code --log-format json} stdout carries only JSON lines, so each line a
 * command would print becomes a log line of its own (no event, no commit); otherwise it is the command's stdout.
 */
final class Output {
    private static final Logger log = LoggerFactory.getLogger("driftless");

    private Output() {
    }

    static PrintWriter of(CommandSpec spec, AgentOptions options) {
        return options.logFormat == LogFormat.json ? new PrintWriter(new LineLogger(), true) : spec.commandLine().getOut();
    }

    /** Logs each line written to it, at INFO; a line is complete at its newline, or at flush or close. */
    private static final class LineLogger extends Writer {
        private final StringBuilder line = new StringBuilder();

        @Override
        public void write(char[] chars, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                char c = chars[i];
                if (c == '\n') {
                    emit();
                } else if (c != '\r') {
                    line.append(c);
                }
            }
        }

        private void emit() {
            log.info(line.toString());
            line.setLength(0);
        }

        @Override
        public void flush() {
            if (!line.isEmpty()) {
                emit();
            }
        }

        @Override
        public void close() {
            flush();
        }
    }
}

package io.driftless;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import io.driftless.cli.AgentOptions;
import io.driftless.cli.LogFormat;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * Selects the log's format at start-up. {@code text} is logback.xml's, untouched: one line for humans on stderr.
 * {@code json} replaces the root's appenders by one that writes {@link JsonLogLayout} lines to stdout.
 */
final class LogOutput {
    private LogOutput() {
    }

    /** Keeps the lines of {@code loggerName} out of the log until the returned action runs. */
    static Runnable quiet(String loggerName) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return () -> { };
        }
        Logger logger = context.getLogger(loggerName);
        ch.qos.logback.classic.Level before = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.OFF);
        return () -> logger.setLevel(before);
    }

    static void select(AgentOptions options) {
        if (options.logFormat != LogFormat.json || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender("JSON") != null) {
            return;
        }
        JsonLogLayout layout = new JsonLogLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setName("JSON");
        appender.setContext(context);
        appender.setTarget("System.out");
        appender.setEncoder(encoder);
        appender.start();
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
    }
}

package io.driftless.bench;

import io.driftless.testing.LoadReport;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A PNG of one load run: each answered request a dot at (when it started, how long it took) on a log scale,
 * each failed request a red tick along the bottom (and a red dot at how long it took to fail), the swaps or
 * pushes as labelled vertical lines. Drawn with the JDK alone (headless AWT), so a benchmark needs nothing else.
 */
public final class LatencyPlot {
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 480;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    private static final Color ANSWER = new Color(40, 90, 180, 110);
    private static final Color FAILURE = new Color(210, 30, 30);
    private static final Color MARK = new Color(90, 90, 90);
    private static final Color GRID = new Color(225, 225, 225);

    private LatencyPlot() {
    }

    /** A vertical line at {@code at}, e.g. a swap started or a commit pushed. */
    public record Mark(Instant at, String label) {
    }

    /** Writes the plot of {@code report} to {@code png}; the x axis is seconds since {@code origin}. */
    public static void write(Path png, String title, Instant origin, LoadReport report, List<Mark> marks) {
        System.setProperty("java.awt.headless", "true");
        double end = seconds(origin, origin.plus(report.elapsed()));
        for (LoadReport.Answer answer : report.answers()) {
            end = Math.max(end, seconds(origin, answer.at()));
        }
        for (LoadReport.Failure failure : report.failures()) {
            end = Math.max(end, seconds(origin, failure.at()));
        }
        for (Mark mark : marks) {
            end = Math.max(end, seconds(origin, mark.at()));
        }
        end = Math.max(1, end);
        double maxMs = 1;
        for (LoadReport.Answer answer : report.answers()) {
            maxMs = Math.max(maxMs, ms(answer.latency()));
        }
        for (LoadReport.Failure failure : report.failures()) {
            maxMs = Math.max(maxMs, ms(failure.latency()));
        }
        double topDecade = Math.ceil(Math.log10(maxMs));
        double bottomDecade = -1; // 0.1 ms
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            Frame frame = new Frame(end, bottomDecade, topDecade);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            FontMetrics metrics = g.getFontMetrics();
            for (int decade = (int) bottomDecade; decade <= topDecade; decade++) {
                int y = frame.y(Math.pow(10, decade));
                g.setColor(GRID);
                g.drawLine(LEFT, y, WIDTH - RIGHT, y);
                g.setColor(Color.DARK_GRAY);
                String label = decade < 0 ? "0.1 ms" : String.format(Locale.ROOT, "%.0f ms", Math.pow(10, decade));
                g.drawString(label, LEFT - 6 - metrics.stringWidth(label), y + 4);
            }
            double step = niceStep(end);
            for (double t = 0; t <= end + 1e-9; t += step) {
                int x = frame.x(t);
                g.setColor(GRID);
                g.drawLine(x, TOP, x, HEIGHT - BOTTOM);
                g.setColor(Color.DARK_GRAY);
                String label = String.format(Locale.ROOT, step < 1 ? "%.1f" : "%.0f", t);
                g.drawString(label, x - metrics.stringWidth(label) / 2, HEIGHT - BOTTOM + 16);
            }
            g.drawString("seconds since the load started", WIDTH / 2 - 80, HEIGHT - BOTTOM + 32);
            g.setColor(ANSWER);
            for (LoadReport.Answer answer : report.answers()) {
                int x = frame.x(seconds(origin, answer.started()));
                int y = frame.y(ms(answer.latency()));
                g.fillRect(x - 1, y - 1, 3, 3);
            }
            g.setColor(MARK);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{4f, 4f}, 0f));
            int labelRow = 0;
            int lastLabelX = Integer.MIN_VALUE;
            for (Mark mark : marks) {
                int x = frame.x(seconds(origin, mark.at()));
                g.drawLine(x, TOP, x, HEIGHT - BOTTOM);
                if (!mark.label().isEmpty() && x - lastLabelX > metrics.stringWidth(mark.label()) + 4) {
                    g.drawString(mark.label(), x + 2, TOP + 10 + 12 * (labelRow++ % 2));
                    lastLabelX = x;
                }
            }
            g.setStroke(new BasicStroke(2f));
            g.setColor(FAILURE);
            for (LoadReport.Failure failure : report.failures()) {
                int x = frame.x(seconds(origin, failure.started()));
                g.drawLine(x, HEIGHT - BOTTOM - 12, x, HEIGHT - BOTTOM);
                int y = frame.y(Math.max(ms(failure.latency()), Math.pow(10, bottomDecade)));
                g.fillOval(x - 3, y - 3, 6, 6);
            }
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, LEFT, 22);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            String legend = String.format(Locale.ROOT, "%d answered (blue: latency), %d failed (red ticks)",
                    report.ok(), report.failed());
            g.setColor(report.failed() > 0 ? FAILURE : Color.DARK_GRAY);
            g.drawString(legend, WIDTH - RIGHT - g.getFontMetrics().stringWidth(legend), 22);
        } finally {
            g.dispose();
        }
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            if (!ImageIO.write(image, "png", png.toFile())) {
                throw new IOException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plot " + png + ": " + e.getMessage(), e);
        }
    }

    private record Frame(double endSeconds, double bottomDecade, double topDecade) {
        int x(double seconds) {
            return LEFT + (int) Math.round(seconds / endSeconds * (WIDTH - LEFT - RIGHT));
        }

        int y(double ms) {
            double decade = Math.log10(Math.max(ms, Math.pow(10, bottomDecade)));
            double share = (decade - bottomDecade) / (topDecade - bottomDecade);
            return HEIGHT - BOTTOM - (int) Math.round(share * (HEIGHT - TOP - BOTTOM));
        }
    }

    private static double niceStep(double end) {
        double raw = end / 12;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double factor : new double[]{1, 2, 5, 10}) {
            if (raw <= factor * magnitude) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static double seconds(Instant origin, Instant at) {
        return Duration.between(origin, at).toNanos() / 1e9;
    }

    private static double ms(Duration duration) {
        return duration.toNanos() / 1e6;
    }
}

package io.driftless.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

import static io.driftless.events.Commits.shortSha;

/** The body each kind of target gets for a {@link Notice}: Discord's and Slack's webhook JSON, or the generic one. */
public final class Payloads {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Discord refuses content over 2000 characters, Slack a section's text over 3000. */
    private static final int DISCORD_CONTENT = 2000;
    private static final int SLACK_SECTION = 3000;
    private static final int RED = 0xD32F2F;
    private static final int GREEN = 0x2E7D32;

    private Payloads() {
    }

    public static byte[] body(Target.Kind kind, Notice n) {
        ObjectNode body = switch (kind) {
            case DISCORD -> discord(n);
            case SLACK -> slack(n);
            case GENERIC -> generic(n);
        };
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code {event, severity, commit, service, backup, reason, message, at}}, null where there is none. */
    static ObjectNode generic(Notice n) {
        ObjectNode o = JSON.createObjectNode();
        o.put("event", n.event());
        o.put("severity", n.severity());
        o.put("commit", n.commit());
        o.put("service", n.service());
        o.put("backup", n.backup());
        o.put("reason", n.reason());
        o.put("message", n.message());
        o.put("at", n.at().toString());
        return o;
    }

    /** {@code {content, embeds: [{title, description, color, fields, timestamp}]}}. */
    static ObjectNode discord(Notice n) {
        ObjectNode o = JSON.createObjectNode();
        o.put("content", cut("**driftless: " + n.title() + "** " + lead(n), DISCORD_CONTENT));
        ObjectNode embed = o.putArray("embeds").addObject();
        embed.put("title", n.title());
        embed.put("color", n.failure() ? RED : GREEN);
        ArrayNode fields = embed.putArray("fields");
        field(fields, "commit", n.commit() == null ? null : "`" + n.commit() + "`");
        field(fields, "service", n.service());
        field(fields, "backup", n.backup());
        field(fields, "reason", n.reason());
        embed.put("timestamp", n.at().toString());
        return o;
    }

    /** {@code {text, blocks: [section (the message), context (commit, service, backup, reason, time)]}}. */
    static ObjectNode slack(Notice n) {
        ObjectNode o = JSON.createObjectNode();
        o.put("text", "driftless: " + n.title() + " " + lead(n));
        ArrayNode blocks = o.putArray("blocks");
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        ObjectNode text = section.putObject("text");
        text.put("type", "mrkdwn");
        text.put("text", cut("*" + n.title() + "* " + subject(n) + "\n" + n.message(), SLACK_SECTION));
        ObjectNode context = blocks.addObject();
        context.put("type", "context");
        StringBuilder facts = new StringBuilder();
        append(facts, "commit", n.commit() == null ? null : "`" + n.commit() + "`");
        append(facts, "service", n.service());
        append(facts, "backup", n.backup());
        append(facts, "reason", n.reason());
        append(facts, "at", n.at().toString());
        ObjectNode element = context.putArray("elements").addObject();
        element.put("type", "mrkdwn");
        element.put("text", facts.toString());
        return o;
    }

    /** The subject and the message, the subject left out when the message already starts with it. */
    private static String lead(Notice n) {
        String subject = subject(n);
        return n.message().startsWith(subject + " ") ? n.message() : subject + ": " + n.message();
    }

    /** {@code commit abc123def456 service web backup db}, as the log lines name them. */
    private static String subject(Notice n) {
        StringBuilder b = new StringBuilder("commit ").append(n.commit() == null ? "-" : shortSha(n.commit()));
        if (n.service() != null) {
            b.append(" service ").append(n.service());
        }
        if (n.backup() != null) {
            b.append(" backup ").append(n.backup());
        }
        return b.toString();
    }

    private static void field(ArrayNode fields, String name, String value) {
        if (value != null) {
            fields.addObject().put("name", name).put("value", value).put("inline", true);
        }
    }

    private static void append(StringBuilder b, String name, String value) {
        if (value != null) {
            b.append(b.isEmpty() ? "" : " · ").append(name).append(' ').append(value);
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}

package io.driftless.ledger;

import io.driftless.events.Sizes;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /}: the status page, one self-contained HTML document (inline CSS, a few lines of inline JS that reload
 * it every 5 s; no external asset, no build step). Everything from the ledger is HTML-escaped: commit subjects,
 * reasons and messages come from the repository. Times, sizes and shortened SHAs come from {@link StatusTable}'s and
 * {@link Sizes}' formatters, the same words as {@code driftless status}. Elements carry ids and {@code data-*}
 * attributes for scripts and tests.
 */
public final class StatusPage {
    /** Rollouts the timeline shows, newest first. */
    public static final int ROLLOUTS_SHOWN = 10;

    private StatusPage() {}

    public static String render(Status status, List<RolloutRecord> rollouts, Instant now) {
        StringBuilder o = new StringBuilder(8192);
        o.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Driftless status</title><style>").append(CSS).append("</style></head><body>\n");
        o.append("<h1>Driftless</h1>\n");
        suspended(o, status.suspended(), now);
        header(o, status, now);
        services(o, status.services());
        timeline(o, rollouts, now);
        failed(o, status.failedRevisions(), now);
        backups(o, status.backups(), now);
        o.append("<p class=\"muted\" id=\"rendered\" data-at=\"").append(esc(now.toString())).append("\">rendered ")
                .append(esc(StatusTable.when(now, now))).append("; refreshes every 5 s</p>\n");
        o.append("<script>").append(JS).append("</script>\n</body></html>\n");
        return o.toString();
    }

    /** While {@code driftless suspend} holds new commits back, the page says so first, and how to lift it. */
    private static void suspended(StringBuilder o, Suspension s, Instant now) {
        if (s == null) {
            return;
        }
        o.append("<section id=\"suspended\" class=\"suspended\" data-at=\"").append(esc(s.at().toString())).append("\">")
                .append("<strong>Suspended</strong> ").append(esc(StatusTable.when(s.at(), now))).append(" by ").append(esc(s.by()))
                .append(s.reason() == null ? "" : " (" + esc(s.reason()) + ")")
                .append(": no new commit is applied; what runs is still repaired. Run <code>driftless resume</code> to lift it.")
                .append("</section>\n");
    }

    private static void header(StringBuilder o, Status s, Instant now) {
        o.append("<section id=\"running\"><dl>");
        o.append("<dt>Runs</dt><dd id=\"applied\" data-sha=\"").append(esc(nz(s.lastAppliedRevision()))).append("\"><code>")
                .append(s.lastAppliedRevision() == null ? "none yet" : esc(StatusTable.shortSha(s.lastAppliedRevision())))
                .append("</code> (last known-good)</dd>");
        o.append("<dt>Last attempted</dt><dd id=\"attempted\" data-sha=\"").append(esc(nz(s.lastAttemptedRevision())))
                .append("\"><code>").append(s.lastAttemptedRevision() == null ? "none yet"
                        : esc(StatusTable.shortSha(s.lastAttemptedRevision()))).append("</code></dd>");
        o.append("<dt>Observed</dt><dd>").append(s.observedAt() == null ? "never (no pass finished yet)"
                : esc(StatusTable.when(s.observedAt(), now))).append("</dd>");
        for (Condition c : s.conditions()) {
            o.append("<dt>").append(esc(c.type())).append("</dt><dd class=\"cond\" data-type=\"").append(esc(c.type()))
                    .append("\" data-status=\"").append(esc(c.status())).append("\">").append(esc(c.status()));
            if (c.reason() != null) {
                o.append(" ").append(esc(c.reason()));
            }
            if (c.message() != null && !c.message().isBlank()) {
                o.append(": ").append(esc(c.message()));
            }
            o.append("</dd>");
        }
        o.append("</dl></section>\n");
    }

    /**
     * State is {@code serving}, {@code running} or {@code stopped} (ServiceStatus); a new state (e.g. {@code
     * suspended}) needs only a CSS class {@code state-NAME} below: the cell's class is derived from the word.
     */
    private static void services(StringBuilder o, List<ServiceStatus> services) {
        o.append("<section id=\"services\"><h2>Services</h2>");
        if (services.isEmpty()) {
            o.append("<p class=\"muted\">none</p></section>\n");
            return;
        }
        o.append("<div class=\"scroll\"><table><tr><th>Service</th><th>Slot</th><th>Image</th><th>Revision</th>")
                .append("<th>State</th></tr>");
        for (ServiceStatus s : services) {
            String state = StatusTable.orNone(s.state());
            o.append("<tr class=\"service\" data-name=\"").append(esc(s.name())).append("\" data-state=\"").append(esc(state))
                    .append("\"><td>").append(esc(s.name())).append("</td><td>").append(esc(StatusTable.orNone(s.slot())))
                    .append("</td><td><code>").append(esc(StatusTable.orNone(s.image()))).append("</code></td><td><code>")
                    .append(esc(StatusTable.shortSha(s.revision()))).append("</code></td><td class=\"state state-")
                    .append(esc(state.replaceAll("[^a-z]", ""))).append("\">").append(esc(state)).append("</td></tr>");
        }
        o.append("</table></div></section>\n");
    }

    private static void timeline(StringBuilder o, List<RolloutRecord> rollouts, Instant now) {
        o.append("<section id=\"rollouts\"><h2>Last rollouts</h2>");
        if (rollouts.isEmpty()) {
            o.append("<p class=\"muted\">none yet</p></section>\n");
            return;
        }
        for (RolloutRecord r : rollouts.subList(0, Math.min(rollouts.size(), ROLLOUTS_SHOWN))) {
            String outcome = r.outcome() == null ? "running" : r.outcome().name().toLowerCase(java.util.Locale.ROOT);
            o.append("<article class=\"rollout outcome-").append(esc(outcome)).append("\" data-sha=\"").append(esc(r.revision()))
                    .append("\" data-outcome=\"").append(esc(outcome)).append("\" data-reason=\"").append(esc(nz(r.reason())))
                    .append("\"><h3><code>").append(esc(StatusTable.shortSha(r.revision()))).append("</code> <span class=\"outcome\">")
                    .append(esc(outcome)).append("</span>");
            if (r.reason() != null) {
                o.append(" <span class=\"reason\">").append(esc(r.reason())).append("</span>");
            }
            o.append("</h3>");
            if (r.subject() != null) {
                o.append("<p class=\"subject\">").append(esc(r.subject())).append("</p>");
            }
            o.append("<p class=\"muted\">started ").append(esc(StatusTable.when(r.startedAt(), now)));
            if (r.finishedAt() != null) {
                o.append(", took ").append(esc(StatusTable.seconds(
                        java.time.Duration.between(r.startedAt(), r.finishedAt()).toMillis())));
            }
            o.append("</p><ol class=\"steps\">");
            for (RolloutStep step : r.steps()) {
                boolean ok = step.result().equals("ok");
                o.append("<li class=\"step").append(ok ? "" : " bad").append("\"><span>").append(esc(step.step()))
                        .append("</span> <span class=\"took\">").append(esc(StatusTable.seconds(step.took().toMillis())))
                        .append("</span>").append(ok ? "" : " <span class=\"result\">" + esc(step.result()) + "</span>")
                        .append("</li>");
            }
            o.append("</ol></article>");
        }
        o.append("</section>\n");
    }

    private static void failed(StringBuilder o, List<FailedRevision> failed, Instant now) {
        o.append("<section id=\"failed\"><h2>Failed commits</h2>");
        if (failed.isEmpty()) {
            o.append("<p class=\"muted\">none</p></section>\n");
            return;
        }
        for (FailedRevision f : failed.subList(0, Math.min(failed.size(), StatusTable.MAX_FAILED_SHOWN))) {
            o.append("<article class=\"failed-commit\" data-sha=\"").append(esc(f.revision())).append("\" data-reason=\"")
                    .append(esc(f.reason())).append("\"><h3><code>").append(esc(StatusTable.shortSha(f.revision())))
                    .append("</code> <span class=\"reason\">").append(esc(f.reason())).append("</span></h3><p class=\"muted\">")
                    .append(esc(StatusTable.when(f.failedAt(), now))).append("</p><pre class=\"message\">")
                    .append(esc(f.message().strip())).append("</pre><p>Undo it: <code class=\"revert\">git revert ")
                    .append(esc(f.revision())).append("</code></p></article>");
        }
        if (failed.size() > StatusTable.MAX_FAILED_SHOWN) {
            o.append("<p class=\"muted\">and ").append(failed.size() - StatusTable.MAX_FAILED_SHOWN)
                    .append(" older (GET /status lists them all)</p>");
        }
        o.append("</section>\n");
    }

    private static void backups(StringBuilder o, List<BackupStatus> backups, Instant now) {
        o.append("<section id=\"backups\"><h2>Backups</h2>");
        if (backups.isEmpty()) {
            o.append("<p class=\"muted\">no backup policy</p></section>\n");
            return;
        }
        o.append("<div class=\"scroll\"><table><tr><th>Policy</th><th>Last backup</th><th>Size</th><th>Verified</th>")
                .append("<th>Offsite</th><th>Last drill</th></tr>");
        for (BackupStatus b : backups) {
            BackupStatus.LastBackup last = b.lastBackup();
            o.append("<tr class=\"backup\" data-name=\"").append(esc(b.name())).append("\"><td>").append(esc(b.name())).append("</td>");
            if (last == null) {
                o.append("<td colspan=\"4\">no backup yet</td>");
            } else {
                o.append("<td>").append(esc(StatusTable.when(last.at(), now))).append("</td><td>")
                        .append(esc(Sizes.human(last.sizeBytes()))).append("</td><td>").append(last.verified() ? "yes" : "<b>NO</b>")
                        .append("</td><td>").append(last.offsite() == null ? "none"
                                : Offsite.COPIED.equals(last.offsite().state()) ? "copied" : "<b>FAILED</b>").append("</td>");
            }
            BackupStatus.LastDrill drill = b.lastDrill();
            o.append("<td class=\"drill\">").append(drill == null ? "none yet" : esc(StatusTable.when(drill.at(), now)
                    + ", took " + StatusTable.seconds(drill.durationMs())) + (drill.passed() ? ": passed"
                    : ": <b>FAILED</b>: " + esc(drill.message()))).append("</td></tr>");
            if (b.lastFailure() != null) {
                o.append("<tr><td></td><td colspan=\"5\" class=\"bad\">FAILED ").append(esc(b.lastFailure().reason())).append(' ')
                        .append(esc(StatusTable.when(b.lastFailure().at(), now))).append(": ")
                        .append(esc(b.lastFailure().message())).append("</td></tr>");
            }
        }
        o.append("</table></div></section>\n");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Text and attribute values alike: {@code & < > " '}. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            body{font:15px/1.4 system-ui,sans-serif;margin:0 auto;padding:12px;max-width:1100px;color:#222}
            h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.15em;border-bottom:1px solid #ddd;margin-top:1.2em}
            h3{font-size:1em;margin:.2em 0}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}
            dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}.muted{color:#666;font-size:.9em}
            .scroll{overflow-x:auto}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:4px 8px;border-bottom:1px solid #eee}
            .suspended{background:#fff4d6;border-left:4px solid #e0a000;padding:6px 10px;margin:8px 0}
            .state-serving{color:#080}.state-stopped{color:#a00}.state-running{color:#05a}
            .rollout,.failed-commit{border-left:4px solid #999;padding:4px 10px;margin:8px 0;background:#fafafa}
            .outcome-applied{border-color:#2a2}.outcome-failed,.outcome-rolledback,.failed-commit{border-color:#c22}
            .outcome,.reason{font-weight:600}.steps{margin:4px 0;padding-left:1.4em}.took{color:#666}.bad,.result{color:#a00}
            pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:4px 0}code{font-family:ui-monospace,monospace}
            .revert{background:#eee;padding:1px 4px;user-select:all}
            @media (max-width:600px){body{font-size:14px}td,th{padding:3px 4px}}
            """;

    /** Re-fetches the page every 5 s and swaps the body; a failed fetch keeps the last one and says so. */
    private static final String JS = """
            setInterval(function(){fetch(location.href,{cache:'no-store'}).then(function(r){return r.text()})
            .then(function(t){var d=new DOMParser().parseFromString(t,'text/html');document.body.innerHTML=d.body.innerHTML})
            .catch(function(){var p=document.getElementById('rendered');if(p)p.textContent='the agent does not answer; showing the last page'})},5000);
            """;
}

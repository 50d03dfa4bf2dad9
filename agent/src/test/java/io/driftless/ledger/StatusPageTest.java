package io.driftless.ledger;

import static io.driftless.ledger.Revisions.at;
import static io.driftless.ledger.Revisions.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class StatusPageTest {
    private static final String EVIL = "<script>alert('x')</script>\" onmouseover=\"alert(1)";

    @Test
    void userControlledTextIsEscapedInTextAndAttributes() {
        Status status = new Status(sha('b'), sha('a'),
                List.of(new FailedRevision(sha('b'), "HealthGateFailed", "web: " + EVIL + "\nsecond line", at(70))),
                List.of(new Condition("Ready", "False", "HealthGateFailed", EVIL, at(70))),
                List.of(new ServiceStatus("web", "img:" + EVIL, sha('a'), "blue", "web-blue", "serving")),
                at(71));
        RolloutRecord rollout = new RolloutRecord(2, sha('b'), at(60), at(70), RolloutOutcome.FAILED, "HealthGateFailed",
                List.of(new RolloutStep(1, "start web " + EVIL, at(60), at(62), "ok"),
                        new RolloutStep(2, "gate web", at(62), at(70), "answered " + EVIL)), "web v3 " + EVIL);

        String html = StatusPage.render(status, List.of(rollout), at(120));
        Document dom = Jsoup.parse(html);

        assertEquals(1, dom.select("script").size(), "only the page's own script");
        assertTrue(dom.select("[onmouseover]").isEmpty());
        Element failed = dom.selectFirst("#failed .failed-commit");
        assertEquals(sha('b'), failed.attr("data-sha"));
        assertEquals("HealthGateFailed", failed.attr("data-reason"));
        assertEquals("web: " + EVIL + "\nsecond line", failed.selectFirst(".message").wholeText());
        assertEquals("git revert " + sha('b'), failed.selectFirst(".revert").text());
        Element step = dom.select("#rollouts .rollout .step").get(1);
        assertEquals("gate web 8.0s answered " + EVIL, step.text());
        assertEquals("img:" + EVIL, dom.select("#services .service td").get(2).text());
        assertTrue(dom.selectFirst(".cond[data-type=Ready]").text().contains(EVIL));
        assertEquals("web v3 " + EVIL, dom.selectFirst("#rollouts .rollout .subject").text());
    }

    @Test
    void anEmptyLedgerRendersEverySectionWithNone() {
        Document dom = Jsoup.parse(StatusPage.render(new Status(null, null, List.of(), List.of(), List.of(), null), List.of(), at(0)));

        assertEquals("none yet", dom.selectFirst("#applied code").text());
        assertEquals("", dom.selectFirst("#applied").attr("data-sha"));
        for (String section : List.of("#services", "#rollouts", "#failed", "#backups")) {
            assertFalse(dom.select(section + " .muted").isEmpty(), section);
        }
        assertTrue(dom.select(".rollout, .failed-commit, .service, .backup").isEmpty());
        assertEquals("width=device-width, initial-scale=1", dom.selectFirst("meta[name=viewport]").attr("content"));
        assertTrue(dom.select("link, script[src], img").isEmpty(), "no external asset");
    }

    @Test
    void aSuspendedHostSaysSoFirstWithWhoWhyAndHowToResume() {
        Status suspended = new Status(sha('a'), sha('a'), List.of(), List.of(), List.of(), at(0), List.of(),
                new Suspension(at(0), "ops@host", EVIL));
        Document dom = Jsoup.parse(StatusPage.render(suspended, List.of(), at(120)));

        Element banner = dom.selectFirst("#suspended");
        assertTrue(banner != null, "the banner is there");
        assertTrue(banner.text().contains("by ops@host (" + EVIL + ")"), banner.text());
        assertEquals("driftless resume", banner.selectFirst("code").text());
        assertTrue(dom.select("script").size() == 1, "the reason did not become a script");
        assertEquals(null, Jsoup.parse(StatusPage.render(new Status(null, null, List.of(), List.of(), List.of(), null),
                List.of(), at(0))).selectFirst("#suspended"));
    }

    @Test
    void backupsShowAgeSizeVerifiedOffsiteAndTheLastDrill() {
        BackupStatus b = new BackupStatus("db", new BackupStatus.LastBackup(1, at(10), 2_500_000, "ab", true, null), null,
                new BackupStatus.LastDrill(at(20), false, 3400, "restore <failed>"), null, null, null);
        Document dom = Jsoup.parse(StatusPage.render(new Status(null, null, List.of(), List.of(), List.of(), null,
                List.of(b)), List.of(), at(120)));

        Element row = dom.selectFirst("#backups .backup[data-name=db]");
        assertTrue(row.text().contains("yes"), row.text());
        assertTrue(row.text().contains(io.driftless.events.Sizes.human(2_500_000)), row.text());
        assertEquals(StatusTable.when(at(20), at(120)) + ", took 3.4s: FAILED: restore <failed>", row.selectFirst(".drill").text());
    }
}

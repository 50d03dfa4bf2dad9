/**
 * The manifest ({@code driftless.yaml}): its model and the strict parser that builds it. Pure: no I/O except
 * {@link io.driftless.desired.ManifestFiles}, which reads one file for {@code driftless validate}.
 *
 * <p>Decisions the design leaves open, taken here so the rest of the agent can rely on them:
 * <ul>
 *   <li>Every problem is reported, in file order, each at a 1-based line and column; errors about the file as a
 *       whole (missing, empty, too large) are at 1:1. Messages start with the dotted path of the key.</li>
 *   <li>Limits against hostile input: 1,000,000 characters, 100 aliases to collections, 30 levels of nesting.
 *       Explicit YAML tags and merge keys ({@code <<}) are refused; anchors and aliases are allowed.</li>
 *   <li>An empty value ({@code services:} with nothing under it) reads as an empty mapping or list; an empty
 *       {@code env} value is an error (write {@code ""}), because Docker would otherwise get the word "null".</li>
 *   <li>Text values keep what the file wrote: {@code DEBUG: yes} is "yes", {@code PORT: 0800} is "0800".</li>
 *   <li>Durations are Go-style, from 0 to 24h; health interval, timeout and deadline must be above 0. A health
 *       gate that cannot pass ((successes - 1) x interval &gt;= deadline, or timeout &gt; deadline) is an error.</li>
 *   <li>{@code health.successes} is 1 to 1000; backup {@code keep} counts are 0 to 10000.</li>
 *   <li>Volumes: the source is a named volume or an absolute host path (the Docker API does not resolve relative
 *       paths as compose does); two volumes on one container path are an error.</li>
 *   <li>Routes: hosts compare case-insensitively when finding a route claimed twice; {@code {}} routes every
 *       request to the service.</li>
 *   <li>Backups: {@code keep} is required; {@code verify} is optional (null when absent) and its {@code restore}
 *       defaults to weekly; a password inside {@code postgres.url} is refused (the file lives in Git: use
 *       {@code passwordFile}); {@code schedule} is five numeric cron fields (no names, no {@code @daily}).</li>
 * </ul>
 */
package io.driftless.desired;

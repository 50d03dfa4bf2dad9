/**
 * Adapters of {@link io.driftless.backup.OffsiteStore}: a folder on another mount ({@code offsite: {dir: …}}) and an
 * rclone remote ({@code offsite: {rclone: …}}, Debian's {@code rclone} run as a child process). Each reads its copy
 * back in full for the checksum: a remote's own stored hash would only prove what the remote was told.
 */
package io.driftless.offsite;

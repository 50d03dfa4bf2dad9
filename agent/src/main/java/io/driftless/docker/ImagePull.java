package io.driftless.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import io.driftless.desired.Durations;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** One bounded pull. Without a registry the daemon answers within milliseconds, so the bound is for slow ones. */
final class ImagePull {
    private ImagePull() {
    }

    /** Pulls {@code image}; returns null when the pull finished, else why it did not (one line). */
    static String pull(DockerClient docker, String image, Duration timeout) {
        ImageRef ref = ImageRef.parse(image);
        var cmd = docker.pullImageCmd(ref.repository());
        if (ref.tag() != null) {
            cmd.withTag(ref.tag());
        }
        try (PullImageResultCallback callback = cmd.exec(new PullImageResultCallback())) {
            if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return "no answer within " + Durations.format(timeout);
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception failed) {
            return DockerFailures.reason(failed);
        }
    }
}

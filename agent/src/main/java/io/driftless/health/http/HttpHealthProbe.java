package io.driftless.health.http;

import io.driftless.health.HealthProbe;
import io.driftless.health.ProbeResult;

import io.driftless.desired.Durations;
import io.driftless.io.FreshHttpClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Probes over HTTP/1.1 with a fresh connection each time, so a probe sees what a new client would. */
public final class HttpHealthProbe implements HealthProbe {
    private static final int BODY_PREVIEW = 200;

    @Override
    public ProbeResult probe(URI uri, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", "driftless-health")
                .GET().build();
        try {
            // A client per probe: no pooled connection can hide a server that stopped accepting new ones.
            HttpResponse<byte[]> response = FreshHttpClient.send(request, timeout, HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new ProbeResult.Healthy(status);
            }
            String body = new String(response.body(), 0, Math.min(BODY_PREVIEW, response.body().length), StandardCharsets.UTF_8);
            return new ProbeResult.Unhealthy(status, body.replaceAll("\\s+", " "));
        } catch (HttpConnectTimeoutException e) {
            return new ProbeResult.Unreachable("no connection within " + Durations.format(timeout));
        } catch (HttpTimeoutException e) {
            return new ProbeResult.Unreachable("no answer within " + Durations.format(timeout));
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new ProbeResult.Unreachable("connection failed: " + msg);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProbeResult.Unreachable("interrupted");
        }
    }
}

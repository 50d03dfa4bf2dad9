package io.driftless.io;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One HTTP/1.1 request on a client made for it alone, redirects not followed. No pooled keep-alive connection can
 * hide a server that stopped accepting new ones, be stale after the server restarted, or be silently retried on.
 */
public final class FreshHttpClient {
    private FreshHttpClient() {
    }

    public static <T> HttpResponse<T> send(HttpRequest request, Duration connectTimeout, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        try {
            return client.send(request, body);
        } finally {
            // Not close(): it waits for every exchange to end, and one that timed out may not; what we wanted is here.
            client.shutdownNow();
        }
    }
}

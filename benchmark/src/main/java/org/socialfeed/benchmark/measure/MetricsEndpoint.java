package org.socialfeed.benchmark.measure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A service's metrics as Prometheus text ({@code /q/metrics}), read whole for the counters and timers the report
 * takes from it; a service that does not answer gives no text, and the report then shows none of its figures.
 */
public final class MetricsEndpoint {

    private final HttpClient http;
    private final URI metrics;

    public MetricsEndpoint(HttpClient http, String serviceUrl) {
        this.http = http;
        this.metrics = URI.create(serviceUrl + "/q/metrics");
    }

    /** The metrics now, or empty text if the service does not answer. */
    public String read() throws InterruptedException {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? answer.body() : "";
        } catch (IOException e) {
            return "";
        }
    }
}

package org.socialfeed.benchmark.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WrkTest {

    @Test
    void readsRequestsPerSecondP99AndErrorsFromWrkOutput() {
        String output = """
                Running 10s test @ http://127.0.0.1:8080/api/v1/timelines/home?limit=20
                  2 threads and 32 connections
                  Thread Stats   Avg      Stdev     Max   +/- Stdev
                    Latency     2.10ms    1.02ms  30.00ms   90.00%
                    Req/Sec     7.70k   500.00    8.50k    70.00%
                  Latency Distribution
                     50%    1.90ms
                     75%    2.40ms
                     90%    3.10ms
                     99%  850.00us
                  153000 requests in 10.00s, 3.50GB read
                  Socket errors: connect 0, read 2, write 0, timeout 1
                  Non-2xx or 3xx responses: 4
                Requests/sec:  15300.25
                Transfer/sec:    358.00MB
                """;

        Wrk.Result result = Wrk.parse(output, "wrk ...");

        assertThat(result.requestsPerSecond()).isEqualTo(15300.25);
        assertThat(result.p99Ms()).isEqualTo(0.85);
        assertThat(result.errors()).isEqualTo(7);
    }

    @Test
    void refusesOutputWithoutAResult() {
        assertThatThrownBy(() -> Wrk.parse("unable to connect to 127.0.0.1:8080 Connection refused", "wrk"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Connection refused");
    }
}

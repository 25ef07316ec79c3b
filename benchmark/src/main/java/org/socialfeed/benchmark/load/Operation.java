package org.socialfeed.benchmark.load;

import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * One kind of request the harness sends, such as reading a home timeline. {@link #start} sends request number
 * {@code sequence} and returns at once; the stage completes with whether the system answered as expected.
 */
public interface Operation {

    String name();

    CompletableFuture<Boolean> start(long sequence);

    /** Why a request failed, in a few words: the exception's (unwrapped) message, or an unexpected answer. */
    static String reason(Throwable failure) {
        if (failure == null) {
            return "unexpected answer";
        }
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    static Operation of(String name, LongFunction<CompletableFuture<Boolean>> send) {
        return new Operation() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CompletableFuture<Boolean> start(long sequence) {
                return send.apply(sequence);
            }
        };
    }
}

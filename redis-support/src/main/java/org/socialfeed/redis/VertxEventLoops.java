package org.socialfeed.redis;

import io.lettuce.core.resource.EventLoopGroupProvider;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;

import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

/**
 * Hands Lettuce the event loops Vert.x already runs (and serves HTTP on), so that a request and its Redis connection
 * can share one thread: the request writes its commands and gets their answers there, with no hand-over between
 * threads. Vert.x owns the loops: releasing or shutting down is a no-op here.
 */
final class VertxEventLoops implements EventLoopGroupProvider {

    private final EventLoopGroup loops;

    VertxEventLoops(EventLoopGroup loops) {
        this.loops = loops;
    }

    @Override
    public <T extends EventLoopGroup> T allocate(Class<T> type) {
        if (!type.isInstance(loops)) {
            throw new IllegalStateException("Lettuce asks for " + type.getName() + " but Vert.x runs "
                    + loops.getClass().getName());
        }
        return type.cast(loops);
    }

    @Override
    public int threadPoolSize() {
        return (int) StreamSupport.stream(loops.spliterator(), false).count();
    }

    @Override
    public Future<Boolean> release(EventExecutorGroup eventLoopGroup, long quietPeriod, long timeout, TimeUnit unit) {
        return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
    }

    @Override
    public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit timeUnit) {
        return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
    }
}

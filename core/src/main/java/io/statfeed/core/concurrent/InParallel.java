package io.statfeed.core.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;

/**
 * Runs a few independent tasks of one request at the same time: the first on the calling thread,
 * the others on a shared pool, and on the calling thread too once it is free, any that no pool
 * thread has started yet. So a request never waits for its task to reach the front of a busy
 * pool's queue, and a task that itself runs tasks in parallel cannot deadlock the pool.
 *
 * <p>Results come back in the tasks' order. The first failure is rethrown as it was thrown, and the
 * tasks not started by then never run. Running ones are left to finish, not interrupted: an
 * interrupt in the middle of a read can close the embedded database's file.
 */
public final class InParallel {
    private final Executor pool;

    public InParallel(Executor pool) {
        this.pool = pool;
    }

    /** Runs everything on the calling thread, one task after another. */
    public static InParallel onCallingThread() {
        return new InParallel(task -> { });
    }

    public <T> List<T> all(List<? extends Callable<T>> tasks) {
        List<FutureTask<T>> futures = new ArrayList<>(tasks.size());
        for (Callable<T> task : tasks) {
            futures.add(new FutureTask<>(task));
        }
        for (int i = 1; i < futures.size(); i++) {
            pool.execute(futures.get(i));
        }
        List<T> results = new ArrayList<>(futures.size());
        try {
            for (FutureTask<T> future : futures) {
                future.run(); // does nothing when a pool thread has started it already
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            futures.forEach(future -> future.cancel(false));
            throw rethrown(e.getCause());
        } catch (InterruptedException e) {
            futures.forEach(future -> future.cancel(false));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for tasks run in parallel", e);
        }
    }

    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("a task run in parallel failed", failure);
    }
}

package io.statfeed.core.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InParallelTest {
    private final ExecutorService onePoolThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopPool() {
        onePoolThread.shutdownNow();
    }

    @Test
    void results_come_back_in_the_order_of_the_tasks() {
        List<Callable<String>> tasks = List.of(() -> "a", () -> "b", () -> "c", () -> "d");

        assertEquals(List.of("a", "b", "c", "d"), new InParallel(onePoolThread).all(tasks));
        assertEquals(List.of("a", "b", "c", "d"), InParallel.onCallingThread().all(tasks));
        assertEquals(List.of(), new InParallel(onePoolThread).all(List.<Callable<String>>of()));
    }

    @Test
    void the_calling_thread_and_the_pool_run_tasks_at_the_same_time() {
        // Each task waits for the other: one after another, the first would wait in vain.
        CyclicBarrier both = new CyclicBarrier(2);
        Callable<String> meet = () -> {
            both.await(10, TimeUnit.SECONDS);
            return Thread.currentThread().getName();
        };

        List<String> threads = new InParallel(onePoolThread).all(List.of(meet, meet));

        assertEquals(Thread.currentThread().getName(), threads.get(0));
        assertTrue(!threads.get(1).equals(threads.get(0)), "the second ran on the pool: " + threads);
    }

    @Test
    void the_calling_thread_runs_what_the_pool_has_not_started() {
        InParallel poolThatNeverRuns = new InParallel(task -> { });

        assertEquals(List.of(1, 2, 3), poolThatNeverRuns.all(List.of(() -> 1, () -> 2, () -> 3)));
    }

    @Test
    void tasks_that_run_tasks_in_parallel_on_the_same_busy_pool_finish() {
        InParallel inParallel = new InParallel(onePoolThread);
        Callable<Integer> nested = () -> inParallel.all(List.<Callable<Integer>>of(() -> 1, () -> 2, () -> 3))
                .stream().mapToInt(Integer::intValue).sum();

        assertEquals(List.of(6, 6, 6), inParallel.all(List.of(nested, nested, nested)));
    }

    @Test
    void the_first_failure_is_rethrown_as_it_was_thrown_and_tasks_not_started_never_run() {
        IllegalArgumentException failure = new IllegalArgumentException("no such stat");
        AtomicBoolean laterRan = new AtomicBoolean();
        InParallel poolThatNeverRuns = new InParallel(task -> { });

        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> poolThatNeverRuns.all(List.<Callable<Integer>>of(() -> 1, () -> {
                    throw failure;
                }, () -> {
                    laterRan.set(true);
                    return 3;
                })));

        assertSame(failure, thrown);
        assertTrue(!laterRan.get(), "a task after the failure should not run");
    }

    @Test
    void a_checked_failure_is_wrapped_with_its_cause() {
        Exception checked = new TimeoutException("slow");

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> InParallel.onCallingThread().all(List.<Callable<Integer>>of(() -> {
                    throw checked;
                })));

        assertSame(checked, thrown.getCause());
    }

    @Test
    void an_interrupted_caller_stops_waiting_and_keeps_its_interrupt() throws Exception {
        CountDownLatch secondStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            assertThrows(IllegalStateException.class, () -> new InParallel(onePoolThread).all(
                    List.<Callable<Integer>>of(() -> {
                        secondStarted.await(10, TimeUnit.SECONDS);
                        Thread.currentThread().interrupt(); // while the pool still works on the second
                        return 1;
                    }, () -> {
                        secondStarted.countDown();
                        release.await(10, TimeUnit.SECONDS);
                        return 2;
                    })));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
            release.countDown();
        }
    }
}

package io.statfeed.scheduler.jobs;

import io.statfeed.interactor.retention.ForgetOldBuckets;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the minute and hour buckets older than their retention. Run twice (a node died in the
 * middle and another ran it again) it only finds less to delete.
 */
@DisallowConcurrentExecution
public final class RetentionJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final ForgetOldBuckets buckets;

    public RetentionJob(ForgetOldBuckets buckets) {
        this.buckets = buckets;
    }

    @Override
    public void execute(JobExecutionContext context) {
        long started = System.nanoTime();
        ForgetOldBuckets.Forgotten forgotten = buckets.forget();
        log.info("forgot {} minute buckets and {} hour buckets past their retention in {} ms",
                forgotten.minuteBuckets(), forgotten.hourBuckets(), (System.nanoTime() - started) / 1_000_000);
    }
}

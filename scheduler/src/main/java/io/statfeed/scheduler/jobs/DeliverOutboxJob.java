package io.statfeed.scheduler.jobs;

import io.statfeed.interactor.alerts.DeliverOutbox;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds, every few seconds. Several nodes may send at once (each message is
 * claimed by one), but one node sends one batch at a time.
 */
@DisallowConcurrentExecution
public final class DeliverOutboxJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(DeliverOutboxJob.class);
    /** A job run sends at most this many batches, so a backlog does not hold a scheduler thread for long. */
    private static final int MAX_BATCHES_PER_RUN = 10;

    private final DeliverOutbox deliver;

    public DeliverOutboxJob(DeliverOutbox deliver) {
        this.deliver = deliver;
    }

    @Override
    public void execute(JobExecutionContext context) {
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            DeliverOutbox.Sent sent = deliver.run();
            if (sent.delivered() + sent.retrying() + sent.givenUp() > 0) {
                log.info("outbox: {} delivered, {} to retry, {} given up", sent.delivered(), sent.retrying(),
                        sent.givenUp());
            }
            if (sent.delivered() + sent.retrying() + sent.givenUp() < DeliverOutbox.BATCH) {
                return;
            }
        }
    }
}

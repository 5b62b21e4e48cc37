package io.statfeed.scheduler.jobs;

import io.statfeed.interactor.alerts.DeliverOutbox;
import io.statfeed.interactor.alerts.EvaluateAlerts;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges every alert once a minute, on one node of the cluster at a time, and sends what the
 * cycle's transitions queued at once rather than at the outbox job's next run: seconds that count
 * when someone waits to hear that something is wrong.
 */
@DisallowConcurrentExecution
public final class EvaluateAlertsJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(EvaluateAlertsJob.class);

    private final EvaluateAlerts evaluate;
    private final DeliverOutbox deliver;

    public EvaluateAlertsJob(EvaluateAlerts evaluate, DeliverOutbox deliver) {
        this.evaluate = evaluate;
        this.deliver = deliver;
    }

    @Override
    public void execute(JobExecutionContext context) {
        EvaluateAlerts.Cycle cycle = evaluate.run();
        // a line a minute: what an operator (and scripts/bench-alerts) reads to see the cycle keeps up
        log.info("alert cycle: {} alerts, {} judged, {} transitions, {} reminders, {} queries, {} ms",
                cycle.alerts(), cycle.judged(), cycle.transitions(), cycle.reminders(), cycle.queries(), cycle.millis());
        if (cycle.transitions() + cycle.reminders() > 0) {
            deliver.run(); // another node's outbox job may send some of them; each message is claimed once
        }
    }
}

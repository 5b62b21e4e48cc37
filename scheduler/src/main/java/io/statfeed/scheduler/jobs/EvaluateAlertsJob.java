package io.statfeed.scheduler.jobs;

import io.statfeed.interactor.alerts.EvaluateAlerts;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Judges every alert once a minute, on one node of the cluster at a time. */
@DisallowConcurrentExecution
public final class EvaluateAlertsJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(EvaluateAlertsJob.class);

    private final EvaluateAlerts evaluate;

    public EvaluateAlertsJob(EvaluateAlerts evaluate) {
        this.evaluate = evaluate;
    }

    @Override
    public void execute(JobExecutionContext context) {
        EvaluateAlerts.Cycle cycle = evaluate.run();
        // a line a minute: what an operator (and scripts/bench-alerts) reads to see the cycle keeps up
        log.info("alert cycle: {} alerts, {} judged, {} transitions, {} reminders, {} queries, {} ms",
                cycle.alerts(), cycle.judged(), cycle.transitions(), cycle.reminders(), cycle.queries(), cycle.millis());
    }
}

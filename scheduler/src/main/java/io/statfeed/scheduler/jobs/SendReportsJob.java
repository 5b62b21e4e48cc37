package io.statfeed.scheduler.jobs;

import io.statfeed.interactor.reports.SendReports;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the daily and weekly reports that are due. Each report is claimed before it is sent, so a
 * run repeated after a node's death, or overlapping one on another node, sends nothing twice.
 */
@DisallowConcurrentExecution
public final class SendReportsJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(SendReportsJob.class);

    private final SendReports sendReports;

    public SendReportsJob(SendReports sendReports) {
        this.sendReports = sendReports;
    }

    @Override
    public void execute(JobExecutionContext context) {
        SendReports.Run run = sendReports.run();
        if (run.due() > 0) {
            log.info("reports: {} due, {} sent, {} sent by another node, {} to retry, {} refused", run.due(),
                    run.sent(), run.claimedElsewhere(), run.retrying(), run.refused());
        }
    }
}

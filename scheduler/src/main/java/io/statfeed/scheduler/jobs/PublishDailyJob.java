package io.statfeed.scheduler.jobs;

import io.statfeed.interactor.feeds.PublishDailyActivity;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Daily summaries and milestones of followed stats; hourly, publishing each fact once. */
@DisallowConcurrentExecution
public final class PublishDailyJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(PublishDailyJob.class);

    private final PublishDailyActivity daily;

    public PublishDailyJob(PublishDailyActivity daily) {
        this.daily = daily;
    }

    @Override
    public void execute(JobExecutionContext context) {
        PublishDailyActivity.Run run = daily.run();
        if (run.summaries() + run.milestones() > 0) {
            log.info("published {} daily summaries and {} milestones", run.summaries(), run.milestones());
        }
    }
}

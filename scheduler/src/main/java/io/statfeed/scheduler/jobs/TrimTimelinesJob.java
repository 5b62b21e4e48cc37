package io.statfeed.scheduler.jobs;

import io.statfeed.interactor.feeds.TrimTimelines;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Caps every timeline at its length; older pages are read from the followed feeds. */
@DisallowConcurrentExecution
public final class TrimTimelinesJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(TrimTimelinesJob.class);

    private final TrimTimelines trim;

    public TrimTimelinesJob(TrimTimelines trim) {
        this.trim = trim;
    }

    @Override
    public void execute(JobExecutionContext context) {
        log.info("trimmed {} timelines", trim.run());
    }
}

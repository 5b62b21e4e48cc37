package io.statfeed.scheduler.jobs;

import io.statfeed.interactor.feeds.PublishActivitySources;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes new stats and alert transitions to the feeds. */
@DisallowConcurrentExecution
public final class PublishActivityJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(PublishActivityJob.class);

    private final PublishActivitySources sources;

    public PublishActivityJob(PublishActivitySources sources) {
        this.sources = sources;
    }

    @Override
    public void execute(JobExecutionContext context) {
        PublishActivitySources.Run run = sources.run();
        if (run.stats() + run.transitions() > 0) {
            log.info("published {} new stats and {} alert transitions to the feeds", run.stats(), run.transitions());
        }
    }
}

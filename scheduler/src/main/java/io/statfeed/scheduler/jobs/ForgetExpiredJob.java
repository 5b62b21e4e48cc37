package io.statfeed.scheduler.jobs;

import io.statfeed.interactor.accounts.ForgetOldSignupAttempts;
import io.statfeed.interactor.directory.ForgetOldChanges;
import io.statfeed.interactor.session.ForgetExpiredSessions;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes sessions that have ended, log-in failures and sign-up attempts no limit looks at any
 * more, and changes every api-server has long read.
 */
@DisallowConcurrentExecution
public final class ForgetExpiredJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(ForgetExpiredJob.class);

    private final ForgetExpiredSessions sessions;
    private final ForgetOldSignupAttempts signupAttempts;
    private final ForgetOldChanges changes;

    public ForgetExpiredJob(ForgetExpiredSessions sessions, ForgetOldSignupAttempts signupAttempts,
                            ForgetOldChanges changes) {
        this.sessions = sessions;
        this.signupAttempts = signupAttempts;
        this.changes = changes;
    }

    @Override
    public void execute(JobExecutionContext context) {
        ForgetExpiredSessions.Forgotten forgotten = sessions.forget();
        int attempts = signupAttempts.forget();
        int oldChanges = changes.forget();
        log.info("forgot {} ended sessions, {} old log-in failures, {} old sign-up attempts, {} old changes",
                forgotten.sessions(), forgotten.loginFailures(), attempts, oldChanges);
    }
}

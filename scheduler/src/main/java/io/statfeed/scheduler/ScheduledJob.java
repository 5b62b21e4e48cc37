package io.statfeed.scheduler;

import java.time.Duration;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/** A job of this process and when the cluster runs it. */
public record ScheduledJob(Job job, JobDetail detail, Trigger trigger) {
    private static final String GROUP = "statfeed";
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    /**
     * Runs {@code job} every {@code interval}, the first time at once. A run missed while no node
     * was up is made once when one comes back; a run cut short by a node's death is made again.
     */
    public static ScheduledJob every(Duration interval, String name, Job job) {
        JobDetail detail = JobBuilder.newJob(job.getClass()).withIdentity(name, GROUP)
                .storeDurably().requestRecovery().build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(name, GROUP).forJob(detail).startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        return new ScheduledJob(job, detail, trigger);
    }

    /**
     * Runs {@code job} once a minute at the given second: alert cycles just after each minute has
     * ended (and been flushed), so a condition is seen within seconds of its minute being complete.
     */
    public static ScheduledJob everyMinuteAt(int second, String name, Job job) {
        JobDetail detail = JobBuilder.newJob(job.getClass()).withIdentity(name, GROUP)
                .storeDurably().requestRecovery().build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(name, GROUP).forJob(detail).startNow()
                .withSchedule(CronScheduleBuilder.cronSchedule(second + " * * * * ?").inTimeZone(UTC)
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        return new ScheduledJob(job, detail, trigger);
    }
}

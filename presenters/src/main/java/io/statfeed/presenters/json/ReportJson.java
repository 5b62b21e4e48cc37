package io.statfeed.presenters.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.statfeed.interactor.reports.ReportDelivery;
import java.util.List;

/** What {@code POST /api/v1/reports/send} sent: a report per member of the account. */
public final class ReportJson {
    private ReportJson() {
    }

    public static String sent(List<ReportDelivery.Sent> sent) {
        return Json.write(new SentJson(sent.size(), sent.stream().map(s -> new ReportSentJson(s.to(),
                s.period().frequency().storedName(), s.period().firstDay().toString(), s.period().lastDay().toString(),
                s.period().zone().getId(), s.stats(), s.alerts(), s.messageId())).toList()));
    }

    private record SentJson(int sent, List<ReportSentJson> reports) {
    }

    private record ReportSentJson(String to, String frequency, @JsonProperty("first_day") String firstDay,
                                  @JsonProperty("last_day") String lastDay, @JsonProperty("time_zone") String timeZone,
                                  int stats, int alerts, @JsonProperty("message_id") String messageId) {
    }
}

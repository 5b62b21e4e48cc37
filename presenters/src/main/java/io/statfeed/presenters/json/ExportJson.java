package io.statfeed.presenters.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.statfeed.interactor.export.DeleteStat.DeletedStat;
import io.statfeed.interactor.export.ExportedStat;
import io.statfeed.interactor.export.ReadStatData.DataPoint;
import io.statfeed.interactor.export.ReadStatData.StatData;
import java.util.List;

/**
 * The export API's answers in StatHat's shapes. Ids are JSON strings, as StatHat wrote them, so
 * that clients that typed them as strings keep working; {@code key} (the per-stat key) is an addition.
 */
public final class ExportJson {
    private record StatView(String id, String name, @JsonProperty("public") boolean isPublic, boolean counter,
                            String key) {
        static StatView of(ExportedStat stat) {
            return new StatView(Long.toString(stat.id()), stat.name(), stat.isPublic(), stat.counter(), stat.key());
        }
    }

    private record DataView(String name, String timeframe, List<PointView> points) {
    }

    /**
     * A whole value is written as StatHat writes it, {@code 3} rather than {@code 3.0}; a value is
     * null only if stored sums overflowed to infinity, for which JSON has no number.
     */
    private record PointView(long time, Number value) {
        static PointView of(DataPoint point) {
            return new PointView(point.time(), Json.number(point.value()));
        }
    }

    private ExportJson() {
    }

    public static String statList(List<ExportedStat> stats) {
        return Json.write(stats.stream().map(StatView::of).toList());
    }

    public static String stat(ExportedStat stat) {
        return Json.write(StatView.of(stat));
    }

    public static String data(List<StatData> data) {
        return Json.write(data.stream()
                .map(d -> new DataView(d.name(), d.timeframe(), d.points().stream().map(PointView::of).toList()))
                .toList());
    }

    /** StatHat's answer to a delete, to the letter. */
    public static String deleted(DeletedStat deleted) {
        // StatHat's answer, word for word, once every running api-server refuses the stat's data;
        // else it names those that did not say so in time.
        java.util.Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("msg", "stat deleted.");
        if (!deleted.honoured().everywhere()) {
            answer.put("unconfirmed_api_servers", deleted.honoured().unconfirmed());
        }
        return Json.write(answer);
    }
}

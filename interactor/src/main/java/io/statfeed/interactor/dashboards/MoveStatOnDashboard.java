package io.statfeed.interactor.dashboards;

import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import java.util.ArrayList;
import java.util.List;

/** Someone moves one graph of a dashboard a place earlier or later (the buttons that work without scripts). */
public final class MoveStatOnDashboard {
    public enum Direction { EARLIER, LATER }

    private final ViewDashboard viewDashboard;
    private final ReorderDashboard reorderDashboard;

    public MoveStatOnDashboard(ViewDashboard viewDashboard, ReorderDashboard reorderDashboard) {
        this.viewDashboard = viewDashboard;
        this.reorderDashboard = reorderDashboard;
    }

    public DashboardView move(Visitor visitor, long dashboardId, long statId, Direction direction) {
        List<Long> order = new ArrayList<>(viewDashboard.view(visitor, dashboardId).stats().stream()
                .map(DashboardStat::id).toList());
        int from = order.indexOf(statId);
        if (from < 0) {
            throw new NotFoundException("stat " + statId + " is not on this dashboard");
        }
        int to = direction == Direction.EARLIER ? from - 1 : from + 1;
        if (to < 0 || to >= order.size()) {
            return viewDashboard.view(visitor, dashboardId); // already first or last
        }
        order.add(to, order.remove(from));
        return reorderDashboard.reorder(visitor, dashboardId, order);
    }
}

package dev.autoremediate.remediator.api;

import dev.autoremediate.remediator.review.Dashboard;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/dashboard")
@Tag(name = "dashboard", description = "remediation success rate, cost saved and failure categories per day")
class DashboardApi {

    private final Dashboard dashboard;

    DashboardApi(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    @GetMapping
    @Operation(summary = "One point per UTC day over the last `days` days (1 to 366)")
    Dashboard.Series series(@RequestParam(defaultValue = "14") int days) {
        return dashboard.lastDays(days);
    }
}

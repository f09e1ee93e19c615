package dev.autoremediate.remediator.web;

import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.remediator.approval.ApprovalService;
import dev.autoremediate.remediator.approval.ModeScope;
import dev.autoremediate.remediator.approval.ModeSetting;
import dev.autoremediate.remediator.approval.ModeStore;
import dev.autoremediate.remediator.approval.RemediationMode;
import dev.autoremediate.remediator.approval.ReviewResult;
import dev.autoremediate.remediator.approval.GuardControls;
import dev.autoremediate.remediator.audit.AuditTrail;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.remediator.review.Dashboard;
import dev.autoremediate.remediator.review.DecisionExplainer;
import dev.autoremediate.remediator.review.DecisionFilter;
import dev.autoremediate.remediator.review.DecisionQueries;
import dev.autoremediate.remediator.review.MissingDecisions;
import dev.autoremediate.remediator.review.RuleReloadStatus;
import dev.autoremediate.remediator.review.RuleStatistics;
import dev.autoremediate.remediator.review.RuleTable;
import dev.autoremediate.remediator.review.UnclassifiedFailures;
import dev.autoremediate.remediator.security.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The review UI's pages. Reading needs VIEWER; approve, reject, mode changes and the guard's controls ONCALL (see
 * SecurityConfiguration).
 */
@Controller
class ReviewPages {

    private static final Formats FORMATS = new Formats();

    private final DecisionQueries queries;
    private final DecisionExplainer explainer;
    private final ApprovalService approvals;
    private final ModeStore modes;
    private final AuditTrail audit;
    private final Dashboard dashboard;
    private final FailureClassifier classifier;
    private final ObjectProvider<RuleStatistics> statistics;
    private final ObjectProvider<RuleReloadStatus> reload;
    private final UnclassifiedFailures unclassified;
    private final GuardControls guard;
    private final Clock clock;
    private final MissingDecisions missing;

    ReviewPages(DecisionQueries queries, DecisionExplainer explainer, ApprovalService approvals, ModeStore modes,
            AuditTrail audit, Dashboard dashboard, FailureClassifier classifier, ObjectProvider<RuleStatistics> statistics,
            ObjectProvider<RuleReloadStatus> reload, UnclassifiedFailures unclassified, GuardControls guard,
            Clock clock, MissingDecisions missing) {
        this.missing = missing;
        this.queries = queries;
        this.explainer = explainer;
        this.approvals = approvals;
        this.modes = modes;
        this.audit = audit;
        this.dashboard = dashboard;
        this.classifier = classifier;
        this.statistics = statistics;
        this.reload = reload;
        this.unclassified = unclassified;
        this.guard = guard;
        this.clock = clock;
    }

    @ModelAttribute
    void common(Model model, Authentication who) {
        if (who != null) {
            model.addAttribute("user", who.getName());
            model.addAttribute("canReview", who.getAuthorities().stream()
                    .anyMatch(a -> a.getAuthority().equals(Role.ONCALL.authority())));
        }
        model.addAttribute("fmt", FORMATS);
        model.addAttribute("categories", FailureCategory.values());
        model.addAttribute("statuses", DecisionStatus.values());
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String queue(Model model) {
        model.addAttribute("page", "queue");
        model.addAttribute("pending", queries.search(DecisionFilter.status(DecisionStatus.PENDING_APPROVAL), 0, 200));
        model.addAttribute("recent", queries.search(DecisionFilter.ANY, 0, 15));
        return "queue";
    }

    @GetMapping("/decisions")
    String decisions(@RequestParam(required = false) String jobId, @RequestParam(required = false) String owner,
            @RequestParam(required = false) String category, @RequestParam(required = false) String status,
            @RequestParam(required = false) String ruleId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page, Model model) {
        var filter = new DecisionFilter(jobId, owner, parse(FailureCategory.class, category),
                parse(DecisionStatus.class, status), ruleId, day(from), day(to) == null ? null : day(to).plusSeconds(86_400));
        model.addAttribute("page", "decisions");
        model.addAttribute("filter", filter);
        model.addAttribute("fromDay", blank(from) ? "" : from);
        model.addAttribute("toDay", blank(to) ? "" : to);
        model.addAttribute("result", queries.search(filter, page, 50));
        return "decisions";
    }

    @GetMapping("/decisions/{decisionId}")
    String decision(@PathVariable String decisionId, Model model, HttpServletResponse response) {
        var found = explainer.explain(decisionId);
        if (found.isEmpty()) {
            // a page that says why (removed by the decision retention), with the navigation, instead of an error page
            var answer = missing.explain(decisionId);
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("page", "decisions");
            model.addAttribute("decisionId", decisionId);
            model.addAttribute("answer", answer);
            return "decision-missing";
        }
        var detail = found.get();
        model.addAttribute("page", "decisions");
        model.addAttribute("d", detail);
        model.addAttribute("eventJson", queries.find(decisionId).map(r -> r.eventJson()).orElse(""));
        model.addAttribute("overridesLink", "/api/v1/jobs/" + UriUtils.encodePathSegment(detail.decision().jobId(),
                java.nio.charset.StandardCharsets.UTF_8) + "/config");
        return "decision";
    }

    @PostMapping("/decisions/{decisionId}/approve")
    String approve(@PathVariable String decisionId, @RequestParam(defaultValue = "") String comment, Authentication who,
            RedirectAttributes flash) {
        flash(flash, approvals.approve(decisionId, who.getName(), comment), "Approved: the retry command is on its way.");
        return "redirect:/decisions/" + UriUtils.encodePathSegment(decisionId, java.nio.charset.StandardCharsets.UTF_8);
    }

    @PostMapping("/decisions/{decisionId}/reject")
    String reject(@PathVariable String decisionId, @RequestParam(defaultValue = "") String comment, Authentication who,
            RedirectAttributes flash) {
        flash(flash, approvals.reject(decisionId, who.getName(), comment), "Rejected: nothing is sent.");
        return "redirect:/decisions/" + UriUtils.encodePathSegment(decisionId, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void flash(RedirectAttributes flash, ReviewResult result, String done) {
        switch (result.outcome()) {
            case DONE -> flash.addFlashAttribute("message", done);
            case NOT_FOUND -> flash.addFlashAttribute("error", "No such decision.");
            case NOT_PENDING -> flash.addFlashAttribute("error", "Not waiting for approval any more: it is "
                    + result.decision().get().status() + ".");
        }
    }

    @GetMapping("/dashboard")
    String dashboard(@RequestParam(defaultValue = "14") int days, Model model) {
        var series = dashboard.lastDays(days);
        model.addAttribute("page", "dashboard");
        model.addAttribute("s", series);
        model.addAttribute("successChart", SvgCharts.successRate(series));
        model.addAttribute("costChart", SvgCharts.costSaved(series));
        model.addAttribute("categoryChart", SvgCharts.categories(series));
        model.addAttribute("colours", SvgCharts.COLOURS);
        model.addAttribute("guard", guard.view());
        return "dashboard";
    }

    /** The guard panel's buttons (role ONCALL): pause every automatic retry, for {@code minutes} or until resumed. */
    @PostMapping("/guard/pause")
    String pauseRetries(@RequestParam(defaultValue = "") String comment,
            @RequestParam(required = false) Integer minutes, Authentication who, RedirectAttributes flash) {
        return guardControl(flash, () -> {
            if (minutes != null && minutes < 1) {
                throw new IllegalArgumentException("minutes must be at least 1 (or empty: until resumed)");
            }
            guard.pause(who.getName(), comment, minutes == null ? null : clock.instant().plusSeconds(60L * minutes));
            return "Automatic retries are paused on every instance: each waits for approval.";
        });
    }

    @PostMapping("/guard/resume")
    String resumeRetries(@RequestParam(defaultValue = "") String comment, Authentication who,
            RedirectAttributes flash) {
        return guardControl(flash, () -> {
            guard.resume(who.getName(), comment);
            return "Automatic retries resumed: the manual pause ended.";
        });
    }

    @PostMapping("/guard/breaker/close")
    String closeBreaker(@RequestParam(defaultValue = "") String comment, Authentication who,
            RedirectAttributes flash) {
        return guardControl(flash, () -> {
            guard.closeBreaker(who.getName(), comment);
            return "Circuit breaker closed and its trip cleared: automatic retries resume on every instance.";
        });
    }

    private static String guardControl(RedirectAttributes flash, java.util.function.Supplier<String> control) {
        try {
            flash.addFlashAttribute("message", control.get());
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("error", "Not done: " + e.getMessage() + ".");
        } catch (org.springframework.dao.DataAccessException e) {
            flash.addFlashAttribute("error", "Not done: the store is unreachable; try again.");
        }
        return "redirect:/dashboard";
    }

    @GetMapping("/rules")
    String rules(Model model) {
        model.addAttribute("page", "rules");
        model.addAttribute("table", RuleTable.of(classifier, statistics.getIfAvailable(() -> queries::byRule),
                reload.getIfAvailable(() -> RuleReloadStatus.NONE)));
        return "rules";
    }

    @GetMapping("/unclassified")
    String unclassified(Model model) {
        model.addAttribute("page", "unclassified");
        model.addAttribute("groups", unclassified.groups(100));
        return "unclassified";
    }

    @GetMapping("/modes")
    String modes(Model model) {
        model.addAttribute("page", "modes");
        model.addAttribute("settings", modes.all());
        model.addAttribute("scopes", ModeScope.values());
        model.addAttribute("modes", RemediationMode.values());
        return "modes";
    }

    @PostMapping("/modes")
    String setMode(@RequestParam ModeScope scope, @RequestParam String key, @RequestParam RemediationMode mode,
            @RequestParam(defaultValue = "") String comment, Authentication who, RedirectAttributes flash) {
        try {
            String k = scope == ModeScope.CATEGORY ? FailureCategory.valueOf(key.strip().toUpperCase(Locale.ROOT)).name()
                    : key.strip();
            modes.set(new ModeSetting(scope, k, mode, who.getName(), clock.instant(), comment));
            flash.addFlashAttribute("message", scope + " " + k + " is now " + mode + ".");
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("error", "Not set: " + e.getMessage());
        }
        return "redirect:/modes";
    }

    @PostMapping("/modes/clear")
    String clearMode(@RequestParam ModeScope scope, @RequestParam String key,
            @RequestParam(defaultValue = "") String comment, Authentication who, RedirectAttributes flash) {
        flash.addFlashAttribute(modes.clear(scope, key, who.getName(), comment).isPresent() ? "message" : "error",
                modes.find(scope, key).isEmpty() ? scope + " " + key + " has no mode of its own now." : "Not cleared.");
        return "redirect:/modes";
    }

    @GetMapping("/audit")
    String audit(@RequestParam(defaultValue = "0") int page, Model model) {
        int p = Math.max(0, page);
        model.addAttribute("page", "audit");
        model.addAttribute("entries", audit.recent(p * 100, 100));
        model.addAttribute("total", audit.count());
        model.addAttribute("pageNo", p);
        return "audit";
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown " + type.getSimpleName() + " " + value);
        }
    }

    private static Instant day(String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip()).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "dates are YYYY-MM-DD: " + value);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

package dev.autoremediate.remediator.api;

import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.remediator.approval.ApprovalService;
import dev.autoremediate.remediator.approval.ReviewResult;
import dev.autoremediate.remediator.review.DecisionDetail;
import dev.autoremediate.remediator.review.DecisionExplainer;
import dev.autoremediate.remediator.review.DecisionFilter;
import dev.autoremediate.remediator.review.DecisionQueries;
import dev.autoremediate.remediator.review.DecisionSummary;
import dev.autoremediate.remediator.review.MissingDecisions;
import dev.autoremediate.remediator.review.PageOf;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/decisions")
@Tag(name = "decisions", description = "what the service decided, why, what happened next; approve or reject")
class DecisionsApi {

    private final DecisionQueries queries;
    private final DecisionExplainer explainer;
    private final ApprovalService approvals;
    private final MissingDecisions missing;

    DecisionsApi(DecisionQueries queries, DecisionExplainer explainer, ApprovalService approvals,
            MissingDecisions missing) {
        this.missing = missing;
        this.queries = queries;
        this.explainer = explainer;
        this.approvals = approvals;
    }

    @GetMapping
    @Operation(summary = "Decisions, newest first, filtered and paged (size at most 200)")
    PageOf<DecisionSummary> list(@RequestParam(required = false) String jobId,
            @RequestParam(required = false) String owner, @RequestParam(required = false) FailureCategory category,
            @RequestParam(required = false) DecisionStatus status, @RequestParam(required = false) String ruleId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return queries.search(new DecisionFilter(jobId, owner, category, status, ruleId, from, to), page, size);
    }

    @GetMapping("/{decisionId}")
    @Operation(summary = "One decision explained: the event, every matched rule, model scores, the config diff, "
            + "the timeline of the run's retries and outcomes, the audit trail")
    ResponseEntity<?> detail(@PathVariable String decisionId) {
        return explainer.explain(decisionId).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> notFound(decisionId));
    }

    @PostMapping("/{decisionId}/approve")
    @Operation(summary = "Approve a PENDING_APPROVAL decision (role ONCALL): it becomes APPLIED and its retry command "
            + "goes out once; 409 when it is not pending")
    ResponseEntity<?> approve(@PathVariable String decisionId, @RequestBody(required = false) ReviewRequest body,
            Authentication who) {
        return answer(approvals.approve(decisionId, who.getName(), body == null ? "" : body.comment()), decisionId);
    }

    @PostMapping("/{decisionId}/reject")
    @Operation(summary = "Reject a PENDING_APPROVAL decision (role ONCALL): it becomes REJECTED, nothing is sent; "
            + "409 when it is not pending")
    ResponseEntity<?> reject(@PathVariable String decisionId, @RequestBody(required = false) ReviewRequest body,
            Authentication who) {
        return answer(approvals.reject(decisionId, who.getName(), body == null ? "" : body.comment()), decisionId);
    }

    private ResponseEntity<?> answer(ReviewResult result, String decisionId) {
        return switch (result.outcome()) {
            case DONE -> ResponseEntity.ok(explainer.explain(decisionId).map(DecisionDetail::decision).orElseThrow());
            case NOT_FOUND -> notFound(decisionId);
            case NOT_PENDING -> ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemDetail.forStatusAndDetail(
                    HttpStatus.CONFLICT, "decision " + decisionId + " is " + result.decision().get().status()
                            + ", not PENDING_APPROVAL"));
        };
    }

    /** 404; when the decision retention has deleted decisions, the problem says that this one may be one of them. */
    private ResponseEntity<?> notFound(String decisionId) {
        var answer = missing.explain(decisionId);
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, answer.message());
        if (answer.retentionDeleted()) {
            problem.setTitle("Removed by the decision retention");
            problem.setProperty("removedByRetention", true);
        }
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }
}

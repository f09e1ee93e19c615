package dev.autoremediate.remediator.overrides;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ConfigService API: what a scheduler asks before launching a job's run, and what on-call uses to see and clear
 * overrides. JSON; errors are RFC 9457 problem details ({@code application/problem+json}) with a {@code detail} line.
 */
@RestController
@RequestMapping("/api/v1")
public class ConfigOverrideController {

    static final int MAX_PAGE_SIZE = 500;

    /** A page of overrides. */
    public record OverridePage(List<JobConfig> items, int page, int size, long total) {
    }

    private final ConfigOverrideService service;

    public ConfigOverrideController(ConfigOverrideService service) {
        this.service = service;
    }

    /** The configuration to launch the job's next run with: the owner's, with the override laid over it. */
    @GetMapping("/jobs/{jobId}/config")
    public ResponseEntity<?> config(@PathVariable String jobId) {
        return service.config(jobId).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> unknownJob(jobId));
    }

    /** Every change of the job's override, newest first. */
    @GetMapping("/jobs/{jobId}/config/history")
    public ResponseEntity<?> history(@PathVariable String jobId,
            @RequestParam(name = "limit", defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            return problem(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_PAGE_SIZE + ", was " + limit);
        }
        if (service.config(jobId).isEmpty()) {
            return unknownJob(jobId);
        }
        return ResponseEntity.ok(service.history(jobId, limit));
    }

    /** Overrides, most recently changed first; {@code status} filters (ACTIVE, DECAYED, CLEARED). */
    @GetMapping("/config-overrides")
    public ResponseEntity<?> list(@RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "page", defaultValue = "0") int page,
            @RequestParam(name = "size", defaultValue = "50") int size) {
        if (page < 0) {
            return problem(HttpStatus.BAD_REQUEST, "page must not be negative, was " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            return problem(HttpStatus.BAD_REQUEST, "size must be between 1 and " + MAX_PAGE_SIZE + ", was " + size);
        }
        OverrideStatus filter = null;
        if (status != null && !status.isBlank()) {
            try {
                filter = OverrideStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return problem(HttpStatus.BAD_REQUEST, "status must be one of ACTIVE, DECAYED, CLEARED, was '" + status + "'");
            }
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            return problem(HttpStatus.BAD_REQUEST, "page " + page + " of size " + size + " is beyond any listing");
        }
        var result = service.list(filter, page * size, size);
        return ResponseEntity.ok(new OverridePage(result.items().stream().map(JobConfig::of).toList(), page, size,
                result.total()));
    }

    /**
     * Clears the job's override: its next run launches with the owner's configuration. {@code reason} is required;
     * {@code by} defaults to the authenticated user.
     */
    @DeleteMapping("/jobs/{jobId}/config")
    public ResponseEntity<?> clear(@PathVariable String jobId, @RequestParam(name = "by", required = false) String by,
            @RequestParam(name = "reason", required = false) String reason, HttpServletRequest request) {
        if (reason == null || reason.isBlank()) {
            return problem(HttpStatus.BAD_REQUEST, "a reason is required: DELETE /api/v1/jobs/{jobId}/config?reason=…"
                    + "[&by=…]");
        }
        Principal principal = request.getUserPrincipal();
        String actor = principal != null ? principal.getName() : by == null || by.isBlank() ? "anonymous" : by.strip();
        var cleared = service.clear(jobId, actor, reason.strip());
        if (cleared.isPresent()) {
            return ResponseEntity.ok(cleared.get());
        }
        if (service.config(jobId).isEmpty()) {
            return unknownJob(jobId);
        }
        return problem(HttpStatus.NOT_FOUND, "job '" + jobId + "' has no config override in effect; nothing to clear");
    }

    private static ResponseEntity<?> unknownJob(String jobId) {
        return problem(HttpStatus.NOT_FOUND, "unknown job '" + jobId + "': the service has no failure, outcome or config "
                + "override of it; launch it with the owner's configuration");
    }

    private static ResponseEntity<?> problem(HttpStatus status, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}

package dev.autoremediate.remediator.api;

import dev.autoremediate.remediator.approval.GuardControls;
import dev.autoremediate.remediator.approval.GuardView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/guard")
@Tag(name = "guard", description = "the guard of automatic retries (global rate limit, circuit breaker, manual pause):"
        + " see it (any role); close the breaker, pause and resume (role ONCALL; audited)")
class GuardApi {

    /** @param comment why (required) */
    record CloseRequest(String comment) {
    }

    /**
     * @param comment why (required)
     * @param until   when the pause ends by itself (ISO-8601, in the future); none: until resumed
     */
    record PauseRequest(String comment, Instant until) {
    }

    private final GuardControls controls;

    GuardApi(GuardControls controls) {
        this.controls = controls;
    }

    @GetMapping
    @Operation(summary = "The rate limit (used / limit / window), this instance's circuit breaker, another instance's "
            + "trip in force and the manual pause, if any")
    GuardView view() {
        return controls.view();
    }

    @PostMapping("/breaker/close")
    @Operation(summary = "Resume automatic retries after fixing the cause: this instance's circuit breaker goes CLOSED "
            + "and the shared trip is cleared whoever holds it (its holder closes too at its next retry decision); "
            + "a comment is required (role ONCALL); audited")
    GuardView close(@RequestBody(required = false) CloseRequest request, Authentication who) {
        return controls.closeBreaker(who.getName(), request == null ? null : request.comment());
    }

    @PostMapping("/pause")
    @Operation(summary = "Stop every automatic retry on every instance: each is held for approval (PENDING_APPROVAL, "
            + "no retry command) until resumed or `until`; a comment is required (role ONCALL); audited")
    GuardView pause(@RequestBody(required = false) PauseRequest request, Authentication who) {
        if (request == null) {
            throw new IllegalArgumentException("a JSON body {\"comment\": \"why\", \"until\": \"2026-11-24T05:00:00Z\""
                    + " (optional)} is required");
        }
        return controls.pause(who.getName(), request.comment(), request.until());
    }

    @DeleteMapping("/pause")
    @Operation(summary = "Resume automatic retries: end the manual pause (role ONCALL); audited")
    GuardView resume(@RequestParam(required = false) String comment, Authentication who) {
        return controls.resume(who.getName(), comment);
    }

    /** The store could not be reached: the shared state (pause, trip) did not change, nothing was audited. */
    @ExceptionHandler(DataAccessException.class)
    ProblemDetail storeUnreachable(DataAccessException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the store is unreachable: the pause and the shared trip did not change; try again ("
                        + e.getMostSpecificCause().getClass().getSimpleName() + ")");
    }
}

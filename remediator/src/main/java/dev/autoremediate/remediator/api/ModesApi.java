package dev.autoremediate.remediator.api;

import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.remediator.approval.EffectiveMode;
import dev.autoremediate.remediator.approval.ModeScope;
import dev.autoremediate.remediator.approval.ModeSetting;
import dev.autoremediate.remediator.approval.ModeStore;
import dev.autoremediate.remediator.approval.RemediationMode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/modes")
@Tag(name = "modes", description = "automatic, approval required or dry run, per job, team and category "
        + "(most specific wins: job > team > category)")
class ModesApi {

    /** A mode to set. {@code key}: the job id, the team (owner) or the category name. */
    record ModeRequest(ModeScope scope, String key, RemediationMode mode, String comment) {
    }

    private final ModeStore modes;
    private final Clock clock;

    ModesApi(ModeStore modes, Clock clock) {
        this.modes = modes;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Every mode setting")
    List<ModeSetting> all() {
        return modes.all();
    }

    @GetMapping("/effective")
    @Operation(summary = "The mode that applies to a job of a team failing in a category, and which setting decides it")
    EffectiveMode effective(@RequestParam(required = false) String jobId, @RequestParam(required = false) String owner,
            @RequestParam(required = false) FailureCategory category) {
        return modes.modeFor(jobId, owner, category);
    }

    @PutMapping
    @Operation(summary = "Set the mode of a job, team or category (role ONCALL); audited")
    ModeSetting set(@RequestBody ModeRequest request, Authentication who) {
        if (request == null || request.scope() == null || request.mode() == null || request.key() == null) {
            throw new IllegalArgumentException("scope (JOB, TEAM, CATEGORY), key and mode (AUTOMATIC, "
                    + "APPROVAL_REQUIRED, DRY_RUN) are required");
        }
        String key = key(request.scope(), request.key());
        var setting = new ModeSetting(request.scope(), key, request.mode(), who.getName(), clock.instant(),
                request.comment());
        modes.set(setting);
        return modes.find(request.scope(), key).orElse(setting);
    }

    @DeleteMapping
    @Operation(summary = "Clear the mode of a job, team or category (role ONCALL); audited; 404 when none was set")
    ResponseEntity<?> clear(@RequestParam ModeScope scope, @RequestParam String key,
            @RequestParam(required = false) String comment, Authentication who) {
        return modes.clear(scope, key(scope, key), who.getName(), comment)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(ApiErrors.notFound("mode of " + scope + " " + key)));
    }

    /** A category key must name a category; it is stored by its enum name. */
    static String key(ModeScope scope, String key) {
        String k = key.strip();
        if (scope == ModeScope.CATEGORY) {
            return FailureCategory.valueOf(k.toUpperCase(Locale.ROOT)).name();
        }
        return k;
    }
}

package dev.autoremediate.remediator.api;

import dev.autoremediate.remediator.audit.AuditEntry;
import dev.autoremediate.remediator.audit.AuditTrail;
import dev.autoremediate.remediator.review.PageOf;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "audit", description = "every human action: who, when, what, why")
class AuditApi {

    private final AuditTrail audit;

    AuditApi(AuditTrail audit) {
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "The audit trail, newest first, paged")
    PageOf<AuditEntry> page(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        int p = Math.max(0, page);
        int s = Math.min(Math.max(1, size), 200);
        return new PageOf<>(audit.recent(p * s, s), p, s, audit.count());
    }
}

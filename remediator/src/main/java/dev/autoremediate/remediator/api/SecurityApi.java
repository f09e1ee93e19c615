package dev.autoremediate.remediator.api;

import dev.autoremediate.remediator.app.AutoremediateProperties;
import dev.autoremediate.remediator.security.GeneratedAdmin;
import dev.autoremediate.remediator.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/security")
@Tag(name = "security", description = "who may use the service (role ADMIN); never a password or token hash")
class SecurityApi {

    /** @param kind USER, GENERATED_ADMIN or TOKEN */
    record Principal(String name, String kind, Role role) {
    }

    private final AutoremediateProperties props;

    SecurityApi(AutoremediateProperties props) {
        this.props = props;
    }

    @GetMapping("/principals")
    @Operation(summary = "The configured users and bearer tokens with their roles (role ADMIN)")
    List<Principal> principals() {
        var all = new ArrayList<Principal>();
        props.security().users().forEach(u -> all.add(new Principal(u.username(), "USER", u.role())));
        if (all.isEmpty()) {
            all.add(new Principal(GeneratedAdmin.USERNAME, "GENERATED_ADMIN", Role.ADMIN));
        }
        props.security().tokens().forEach(t -> all.add(new Principal("token:" + t.name(), "TOKEN", t.role())));
        return all;
    }
}

package dev.autoremediate.remediator.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BearerTokenFilterTest {

    @Test
    void a_token_is_configured_by_its_sha256() {
        assertThat(BearerTokenFilter.sha256("test"))
                .isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        var spec = new BearerTokenFilter.TokenSpec("grafana",
                " 9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08 ", Role.VIEWER);
        assertThat(spec.sha256()).isEqualTo(BearerTokenFilter.sha256("test"));
    }

    @Test
    void a_misconfigured_token_is_refused_with_the_key_to_fix() {
        assertThatThrownBy(() -> new BearerTokenFilter.TokenSpec("grafana", "the-token-itself", Role.VIEWER))
                .hasMessageContaining("autoremediate.security.tokens[].sha256").hasMessageContaining("grafana");
        assertThatThrownBy(() -> new BearerTokenFilter.TokenSpec("grafana", BearerTokenFilter.sha256("x"), null))
                .hasMessageContaining("role");
    }

    @Test
    void each_role_includes_the_ones_below_it() {
        assertThat(Role.VIEWER.impliedAuthorities()).containsExactly("ROLE_VIEWER");
        assertThat(Role.ONCALL.impliedAuthorities()).containsExactly("ROLE_VIEWER", "ROLE_ONCALL");
        assertThat(Role.ADMIN.impliedAuthorities()).containsExactly("ROLE_VIEWER", "ROLE_ONCALL", "ROLE_ADMIN");
    }
}

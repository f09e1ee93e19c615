package dev.autoremediate.remediator.security;

/** Roles of the review UI and API; each includes the ones below it. */
public enum Role {
    /** reads everything: decisions, rules, modes, audit, dashboard */
    VIEWER,
    /** also approves and rejects decisions, sets and clears modes */
    ONCALL,
    /** also sees the configured users and tokens */
    ADMIN;

    /** The authorities of this role and of every role below it, e.g. ONCALL: ROLE_ONCALL, ROLE_VIEWER. */
    public java.util.List<String> impliedAuthorities() {
        return java.util.Arrays.stream(values()).filter(r -> r.ordinal() <= ordinal()).map(Role::authority).toList();
    }

    /** The Spring Security authority, e.g. {@code ROLE_ONCALL}. */
    public String authority() {
        return "ROLE_" + name();
    }
}

package dev.autoremediate.remediator.approval;

import java.util.Optional;

/**
 * The mode that applies to a decision and where it comes from.
 *
 * @param setting the setting that decided it; empty when none matched (the default)
 * @param reason  one line: {@code "job etl.daily: APPROVAL_REQUIRED"} or {@code "default"}
 */
public record EffectiveMode(RemediationMode mode, Optional<ModeSetting> setting, String reason) {

    public static final EffectiveMode DEFAULT = new EffectiveMode(RemediationMode.AUTOMATIC, Optional.empty(),
            "default: automatic");

    public static EffectiveMode of(ModeSetting s) {
        return new EffectiveMode(s.mode(), Optional.of(s),
                s.scope().name().toLowerCase(java.util.Locale.ROOT) + " " + s.key() + ": " + s.mode());
    }
}

package dev.autoremediate.ingest.contract;

/** Who decided the category: a rule of the rule pack, the model, or nobody (UNKNOWN). */
public enum ClassificationSource {
    RULE,
    MODEL,
    NONE
}

package dev.autoremediate.ingest.contract;

/** The closed set of failure categories of contract v1 (see docs/architecture.md, "Failure taxonomy"). */
public enum FailureCategory {
    MEMORY_EXECUTOR_OOM,
    MEMORY_OVERHEAD,
    MEMORY_DRIVER,
    SHUFFLE_FETCH,
    EXECUTOR_LOST,
    TRANSIENT_IO,
    DISK_SPACE,
    SERIALIZATION,
    TIMEOUT,
    RESOURCE_QUOTA,
    USER_CODE,
    SQL_ANALYSIS,
    PERMISSION,
    DATA_SCHEMA,
    DEPENDENCY,
    /** Nothing matched and the model is not confident. */
    UNKNOWN;

    /** True for the three memory categories, the ones the config tuner works on. */
    public boolean isMemory() {
        return this == MEMORY_EXECUTOR_OOM || this == MEMORY_OVERHEAD || this == MEMORY_DRIVER;
    }
}

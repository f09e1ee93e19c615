package dev.autoremediate.tuner;

/**
 * Limits that no tuned configuration may cross. They are policy: the service maps its
 * {@code autoremediate.*} settings onto this record.
 *
 * @param maxContainerMemoryMb largest executor container, in MiB: executor memory + memory overhead (+ PySpark memory
 *                             and off-heap memory when the job uses them)
 * @param maxStepFactor        largest factor one tuning may multiply a value by (at least 1)
 * @param maxDriverMemoryMb    largest {@code spark.driver.memory}, in MiB
 */
public record GuardRails(long maxContainerMemoryMb, double maxStepFactor, long maxDriverMemoryMb) {

    /** A 64 GiB executor container, at most doubling a value per retry, a 32 GiB driver. */
    public static final GuardRails DEFAULT = new GuardRails(64 * 1024, 2.0, 32 * 1024);

    public GuardRails {
        if (maxContainerMemoryMb <= 0) {
            throw new IllegalArgumentException("maxContainerMemoryMb must be positive, got " + maxContainerMemoryMb);
        }
        if (maxDriverMemoryMb <= 0) {
            throw new IllegalArgumentException("maxDriverMemoryMb must be positive, got " + maxDriverMemoryMb);
        }
        if (!(maxStepFactor >= 1.0) || Double.isInfinite(maxStepFactor)) {
            throw new IllegalArgumentException("maxStepFactor must be a finite number of at least 1, got " + maxStepFactor);
        }
    }

    MemorySize maxContainerMemory() {
        return MemorySize.ofMebibytes(maxContainerMemoryMb);
    }

    MemorySize maxDriverMemory() {
        return MemorySize.ofMebibytes(maxDriverMemoryMb);
    }
}

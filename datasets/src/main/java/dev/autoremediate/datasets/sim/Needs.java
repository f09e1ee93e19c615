package dev.autoremediate.datasets.sim;

/**
 * The hidden true needs of one attempt of a job under a given number of cores and partitions. Sizes in MiB.
 *
 * @param dataScale       input of the day relative to day 0
 * @param heapMb          executor heap needed: reserved 300 MiB + cores x the largest task's need
 * @param nativeMb        executor off-heap memory needed (what {@code memoryOverhead} must hold)
 * @param driverMb        driver heap needed
 * @param resultMb        results collected to the driver ({@code maxResultSize} must hold them)
 * @param kryoMb          largest serialized record ({@code kryoserializer.buffer.max} must hold it)
 * @param broadcastSeconds time to build the broadcast side of a join ({@code broadcastTimeout} must cover it)
 * @param hours           run time of a successful attempt
 */
public record Needs(double dataScale, double heapMb, double nativeMb, double driverMb, double resultMb,
        double kryoMb, double broadcastSeconds, double hours) {
}

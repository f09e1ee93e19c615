package dev.autoremediate.remediator.overrides;

/**
 * Consecutive successful runs of a job whose peak use of one overridden memory setting stayed well below it.
 *
 * @param runs      how many in a row
 * @param peakBytes the largest peak seen over those runs (the floor of the next step down)
 */
public record HeadroomStreak(int runs, long peakBytes) {

    public static final HeadroomStreak NONE = new HeadroomStreak(0, 0);

    public HeadroomStreak extendedBy(long peak) {
        return new HeadroomStreak(runs + 1, Math.max(peakBytes, peak));
    }
}

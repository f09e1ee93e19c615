package dev.autoremediate.tuner;

/**
 * A belief about one hidden need (MiB, or seconds): log-normal with a median and a spread, optionally known to be
 * above a lower bound (the limit the failed attempt crossed).
 *
 * @param median     the median of the need
 * @param sigma      the log-normal spread
 * @param lowerBound the need is known to exceed this (0 when nothing is known)
 */
record NeedEstimate(double median, double sigma, double lowerBound) {

    /** P(need <= capacity). */
    double fits(double capacity) {
        if (capacity <= lowerBound) {
            return 0;
        }
        double p = phi(Math.log(capacity / median) / sigma);
        if (lowerBound <= 0) {
            return p;
        }
        double below = phi(Math.log(lowerBound / median) / sigma);
        return below >= 1 ? 0 : Math.max(0, (p - below) / (1 - below));
    }

    /** Standard normal CDF (Abramowitz and Stegun 7.1.26; error below 1.5e-7). */
    static double phi(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                * t * Math.exp(-z * z);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}

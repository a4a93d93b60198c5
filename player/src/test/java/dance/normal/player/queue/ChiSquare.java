package dance.normal.player.queue;

/** Pearson's chi-square test, enough of it to judge a shuffle without a statistics library. */
final class ChiSquare {

    private ChiSquare() {
    }

    /** The statistic: sum of (observed - expected)² / expected over all cells, each expecting {@code expected}. */
    static double statistic(long[][] observed, double expected) {
        double sum = 0;
        for (long[] row : observed) {
            for (long count : row) {
                double d = count - expected;
                sum += d * d / expected;
            }
        }
        return sum;
    }

    /** The probability of a statistic at least this large if the counts were fair. */
    static double pValue(double statistic, int degreesOfFreedom) {
        return upperRegularizedGamma(degreesOfFreedom / 2.0, statistic / 2.0);
    }

    /** Q(a, x) = Γ(a, x) / Γ(a): a series below a + 1, a continued fraction above (Numerical Recipes 6.2). */
    private static double upperRegularizedGamma(double a, double x) {
        if (x <= 0) {
            return 1.0;
        }
        if (x < a + 1) {
            double term = 1.0 / a;
            double sum = term;
            for (int n = 1; n < 10_000 && Math.abs(term) > Math.abs(sum) * 1e-15; n++) {
                term *= x / (a + n);
                sum += term;
            }
            return 1.0 - sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
        }
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 10_000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.abs(d) < tiny ? tiny : d;
            c = b + an / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-15) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
    }

    /**
     * ln Γ(a) for the a a chi-square test needs, whole or half numbers (a = degrees of freedom / 2): exact up to
     * rounding, by Γ(a) = (a - 1) Γ(a - 1) down from Γ(1) = 1 or Γ(1/2) = √π.
     */
    private static double logGamma(double a) {
        if (a <= 0 || a * 2 != Math.rint(a * 2)) {
            throw new IllegalArgumentException("only whole and half numbers above 0: " + a);
        }
        double sum = a == Math.rint(a) ? 0.0 : 0.5 * Math.log(Math.PI);
        for (double k = a - 1; k > 0.25; k--) {
            sum += Math.log(k);
        }
        return sum;
    }
}

package io.statfeed.appservers.analysis;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An ordinary least-squares line y = intercept + slope · x, with what a prediction band needs:
 * the number of points, the mean and spread of x, and the residuals' standard deviation.
 */
record LinearFit(double intercept, double slope, int n, double meanX, double sxx, double residualSd,
                 OptionalDouble rSquared) {
    /** A line needs two points with different x. */
    private static final int MIN_POINTS = 2;
    /** The residuals' spread has n − 2 degrees of freedom. */
    private static final int FITTED_PARAMETERS = 2;

    static Optional<LinearFit> of(double[] x, double[] y) {
        int n = x.length;
        if (n < MIN_POINTS) {
            return Optional.empty();
        }
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanX += x[i];
            meanY += y[i];
        }
        meanX /= n;
        meanY /= n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - meanX) * (x[i] - meanX);
            sxy += (x[i] - meanX) * (y[i] - meanY);
            syy += (y[i] - meanY) * (y[i] - meanY);
        }
        if (sxx == 0) {
            return Optional.empty();
        }
        double slope = sxy / sxx;
        double intercept = meanY - slope * meanX;
        double residualSquares = 0;
        for (int i = 0; i < n; i++) {
            double residual = y[i] - (intercept + slope * x[i]);
            residualSquares += residual * residual;
        }
        double residualSd = n > FITTED_PARAMETERS ? Math.sqrt(residualSquares / (n - FITTED_PARAMETERS)) : 0;
        // A flat series is fitted perfectly by a flat line, but r² (explained share of no variance) is undefined.
        OptionalDouble rSquared = syy == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(Math.max(0, 1 - residualSquares / syy));
        return Optional.of(new LinearFit(intercept, slope, n, meanX, sxx, residualSd, rSquared));
    }

    double at(double x) {
        return intercept + slope * x;
    }

    /** Whether there are residuals to estimate a band from. */
    boolean hasResidualSpread() {
        return n > FITTED_PARAMETERS;
    }

    /** Standard error of a new observation at x: the residual spread, widened by the line's own uncertainty there. */
    double predictionError(double x) {
        return residualSd * Math.sqrt(1 + 1.0 / n + (x - meanX) * (x - meanX) / sxx);
    }
}

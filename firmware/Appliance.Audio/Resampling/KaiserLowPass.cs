namespace Appliance.Audio.Resampling;

/// <summary>Kaiser-windowed sinc low-pass design (Kaiser's formulas for length and beta).</summary>
internal static class KaiserLowPass
{
    /// <summary>Taps needed for <paramref name="attenuationDb"/> over a transition of <paramref name="transitionCycles"/> (cycles/sample).</summary>
    public static int Length(double attenuationDb, double transitionCycles) =>
        (int)Math.Ceiling((attenuationDb - 7.95) / (2.285 * 2 * Math.PI * transitionCycles)) + 1;

    /// <summary>Kaiser's beta for a stop-band attenuation above 50 dB.</summary>
    public static double Beta(double attenuationDb) => 0.1102 * (attenuationDb - 8.7);

    /// <summary>
    /// Fills <paramref name="taps"/> with a linear-phase low-pass whose cutoff is <paramref name="cutoffCycles"/>
    /// (cycles/sample, the -6 dB point) and whose DC gain is <paramref name="gain"/>.
    /// </summary>
    public static void Design(Span<double> taps, double cutoffCycles, double beta, double gain)
    {
        int n = taps.Length;
        double centre = (n - 1) / 2.0;
        double i0Beta = BesselI0(beta);
        double sum = 0;
        for (int m = 0; m < n; m++)
        {
            double x = m - centre;
            double sinc = x == 0 ? 2 * cutoffCycles : Math.Sin(2 * Math.PI * cutoffCycles * x) / (Math.PI * x);
            double r = 2.0 * m / (n - 1) - 1.0;
            double window = BesselI0(beta * Math.Sqrt(Math.Max(0, 1 - r * r))) / i0Beta;
            taps[m] = sinc * window;
            sum += taps[m];
        }
        for (int m = 0; m < n; m++)
        {
            taps[m] *= gain / sum;
        }
    }

    // Modified Bessel function of the first kind, order 0, by its power series.
    private static double BesselI0(double x)
    {
        double sum = 1, term = 1, half = x / 2;
        for (int k = 1; k < 50; k++)
        {
            term *= half / k;
            double t2 = term * term;
            sum += t2;
            if (t2 < sum * 1e-17)
            {
                break;
            }
        }
        return sum;
    }
}

namespace Appliance.Conversation.Reports;

/// <summary>One stage's latency over many turns, in milliseconds (nearest-rank percentiles).</summary>
public sealed record LatencyStats(int Count, double P50Ms, double P95Ms, double MaxMs)
{
    public static readonly LatencyStats Empty = new(0, 0, 0, 0);

    /// <summary>Statistics of <paramref name="values"/>; sorts the list in place.</summary>
    public static LatencyStats From(List<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return Empty;
        }
        values.Sort();
        return new LatencyStats(values.Count, Rank(values, 0.50), Rank(values, 0.95), values[^1]);
    }

    private static double Rank(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

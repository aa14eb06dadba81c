namespace Appliance.ServiceBench;

/// <summary>Everything measured for one target.</summary>
internal sealed class TargetResult(BenchTarget target)
{
    public BenchTarget Target { get; } = target;

    public List<double> StartMs { get; } = [];

    public List<double> IdleRssMiB { get; } = [];

    public List<double> UpsertMs { get; set; } = [];

    public List<double> GetMs { get; set; } = [];

    public double PeakRssAfterLoadMiB { get; set; }
}

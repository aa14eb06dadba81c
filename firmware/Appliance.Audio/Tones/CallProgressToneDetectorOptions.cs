namespace Appliance.Audio.Tones;

/// <summary>Thresholds of <see cref="CallProgressToneDetector"/>; the defaults suit E.180 tones on a phone line.</summary>
public sealed class CallProgressToneDetectorOptions
{
    /// <summary>Cadence cycles a cadenced tone must repeat before it counts (a second keeps speech out).</summary>
    public int MinCycles { get; init; } = 2;

    /// <summary>How long a continuous tone (dial tone) must last before it counts.</summary>
    public TimeSpan ContinuousMinimum { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Share of the window's energy that must sit at the tone's own frequencies: a tone is ~1 (0.9 at
    /// 10 dB SNR), speech and music spread their energy and stay well below.
    /// </summary>
    public double MinPurity { get; init; } = 0.7;

    /// <summary>Quietest window (RMS, dBFS) that can hold a tone; E.180 tones arrive at -10 to -30 dBm0.</summary>
    public double MinLevelDbfs { get; init; } = -45;

    /// <summary>A measured on/off period fits the cadence within this share of the nominal length...</summary>
    public double CadenceTolerance { get; init; } = 0.15;

    /// <summary>...plus this much (the 40 ms analysis window blurs the edges by about one hop).</summary>
    public TimeSpan CadenceSlack { get; init; } = TimeSpan.FromMilliseconds(50);

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MinCycles, 1, nameof(MinCycles));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MinCycles, 10, nameof(MinCycles));
        ArgumentOutOfRangeException.ThrowIfLessThan(ContinuousMinimum, TimeSpan.FromMilliseconds(200), nameof(ContinuousMinimum));
        if (MinPurity is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinPurity), MinPurity, "must be in (0, 1]");
        }
        if (CadenceTolerance is < 0 or > 0.5)
        {
            throw new ArgumentOutOfRangeException(nameof(CadenceTolerance), CadenceTolerance, "must be 0-0.5");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(CadenceSlack, TimeSpan.Zero, nameof(CadenceSlack));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MinLevelDbfs, 0, nameof(MinLevelDbfs));
    }
}

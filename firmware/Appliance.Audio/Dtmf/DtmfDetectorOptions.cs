namespace Appliance.Audio.Dtmf;

/// <summary>Acceptance rules of the DTMF detector; the defaults follow ITU-T Q.24.</summary>
public sealed record DtmfDetectorOptions
{
    /// <summary>Weakest accepted tone, amplitude in dBFS per frequency.</summary>
    public double MinToneLevelDbfs { get; init; } = -36;

    /// <summary>Low group may be this much louder than the high group ("normal" twist).</summary>
    public double MaxNormalTwistDb { get; init; } = 8;

    /// <summary>High group may be this much louder than the low group ("reverse" twist).</summary>
    public double MaxReverseTwistDb { get; init; } = 4;

    /// <summary>Largest accepted frequency deviation; Q.24 asks to accept 1.5 % and reject 3.5 %.</summary>
    public double MaxFrequencyDeviation { get; init; } = 0.025;

    /// <summary>Share of the window's energy the two tones must hold.</summary>
    public double MinPurity { get; init; } = 0.6;

    /// <summary>Consecutive 5 ms hops a digit must be seen: tones of 40 ms register, 23 ms do not.</summary>
    public int ConfirmHops { get; init; } = 6;

    /// <summary>Consecutive 5 ms hops without the digit that end it: gaps of 10 ms are bridged, 40 ms pauses are not.</summary>
    public int ReleaseHops { get; init; } = 5;
}

namespace Appliance.Hal.Simulated;

/// <summary>Codec control port that only remembers what was set.</summary>
public sealed class SimulatedCodecControl : ICodecControl
{
    public double CaptureGainDb { get; private set; }

    public double PlaybackVolumeDb { get; private set; }

    public bool Muted { get; private set; }

    public void SetCaptureGain(double decibels) => CaptureGainDb = decibels;

    public void SetPlaybackVolume(double decibels) => PlaybackVolumeDb = decibels;

    public void SetMuted(bool muted) => Muted = muted;
}

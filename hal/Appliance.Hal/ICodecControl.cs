namespace Appliance.Hal;

/// <summary>Optional control port of a codec chip (usually I2C): gains and mute.</summary>
public interface ICodecControl
{
    void SetCaptureGain(double decibels);

    void SetPlaybackVolume(double decibels);

    void SetMuted(bool muted);
}

using System.Device.I2c;

namespace Appliance.Hal.Linux.I2c;

/// <summary>
/// Gain and mute of a Wolfson/Cirrus WM8960 codec over I2C. Its registers are write-only (7-bit
/// address, 9-bit value, sent as two bytes), so the driver never reads back.
/// </summary>
public sealed class Wm8960CodecControl : ICodecControl, IDisposable
{
    /// <summary>The WM8960's fixed I2C address.</summary>
    public const int DefaultAddress = 0x1A;

    private const byte LeftInputVolume = 0x00;   // R0: bits 5:0 = -17.25..+30 dB in 0.75 dB steps
    private const byte RightInputVolume = 0x01;
    private const byte AdcDacControl1 = 0x05;    // R5: bit 3 = DAC soft mute
    private const byte LeftDacVolume = 0x0A;     // R10: 0xFF = 0 dB, 0.5 dB steps, 0 = digital mute
    private const byte RightDacVolume = 0x0B;
    private const int VolumeUpdate = 0x100;      // IPVU / DACVU: latch left and right together
    private const int DacMute = 0x008;

    private readonly I2cDevice _device;

    public Wm8960CodecControl(I2cDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
    }

    public static Wm8960CodecControl Open(int bus, int address = DefaultAddress) =>
        new(I2cDevice.Create(new I2cConnectionSettings(bus, address)));

    /// <summary>Input PGA gain, clamped to the chip's -17.25..+30 dB.</summary>
    public void SetCaptureGain(double decibels)
    {
        CheckFinite(decibels);
        int code = (int)Math.Round((Math.Clamp(decibels, -17.25, 30) + 17.25) / 0.75);
        WriteRegister(LeftInputVolume, code);
        WriteRegister(RightInputVolume, VolumeUpdate | code);
    }

    /// <summary>DAC digital volume, clamped to -127..0 dB.</summary>
    public void SetPlaybackVolume(double decibels)
    {
        CheckFinite(decibels);
        int code = 255 + (int)Math.Round(Math.Clamp(decibels, -127, 0) * 2);
        WriteRegister(LeftDacVolume, code);
        WriteRegister(RightDacVolume, VolumeUpdate | code);
    }

    public void SetMuted(bool muted) => WriteRegister(AdcDacControl1, muted ? DacMute : 0);

    public void Dispose() => _device.Dispose();

    private static void CheckFinite(double decibels)
    {
        if (!double.IsFinite(decibels))
        {
            throw new ArgumentOutOfRangeException(nameof(decibels), decibels, "gain must be a finite number of dB");
        }
    }

    private void WriteRegister(byte register, int value)
    {
        Span<byte> bytes = [(byte)((register << 1) | ((value >> 8) & 1)), (byte)value];
        _device.Write(bytes);
    }
}

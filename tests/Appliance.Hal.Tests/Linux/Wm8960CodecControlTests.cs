using System.Device.I2c;
using Appliance.Hal.Linux.I2c;

namespace Appliance.Hal.Tests.Linux;

public class Wm8960CodecControlTests
{
    private readonly RecordingI2cDevice _device = new();

    /// <summary>Decodes the two-byte writes back to (register, 9-bit value).</summary>
    private List<(int Register, int Value)> Registers() =>
        _device.Writes.Select(w => (w[0] >> 1, ((w[0] & 1) << 8) | w[1])).ToList();

    [Theory]
    [InlineData(0.0, 0x17)]
    [InlineData(30.0, 0x3F)]
    [InlineData(-17.25, 0x00)]
    [InlineData(99.0, 0x3F)]
    [InlineData(6.0, 0x1F)]
    public void Capture_gain_sets_both_input_volumes_and_latches(double db, int code)
    {
        using var codec = new Wm8960CodecControl(_device);
        codec.SetCaptureGain(db);
        Assert.Equal([(0x00, code), (0x01, 0x100 | code)], Registers());
    }

    [Theory]
    [InlineData(0.0, 0xFF)]
    [InlineData(-6.0, 0xF3)]
    [InlineData(-127.0, 0x01)]
    [InlineData(10.0, 0xFF)]
    public void Playback_volume_sets_both_dac_volumes_and_latches(double db, int code)
    {
        using var codec = new Wm8960CodecControl(_device);
        codec.SetPlaybackVolume(db);
        Assert.Equal([(0x0A, code), (0x0B, 0x100 | code)], Registers());
    }

    [Fact]
    public void Mute_toggles_the_dac_soft_mute_bit()
    {
        using var codec = new Wm8960CodecControl(_device);
        codec.SetMuted(true);
        codec.SetMuted(false);
        Assert.Equal([(0x05, 0x008), (0x05, 0x000)], Registers());
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Non_finite_gain_is_rejected_without_writing(double db)
    {
        using var codec = new Wm8960CodecControl(_device);
        Assert.Throws<ArgumentOutOfRangeException>(() => codec.SetCaptureGain(db));
        Assert.Empty(_device.Writes);
    }

    private sealed class RecordingI2cDevice : I2cDevice
    {
        public List<byte[]> Writes { get; } = [];

        public override I2cConnectionSettings ConnectionSettings { get; } = new(1, Wm8960CodecControl.DefaultAddress);

        public override byte ReadByte() => throw new NotSupportedException("WM8960 registers are write-only");

        public override void Read(Span<byte> buffer) => throw new NotSupportedException("WM8960 registers are write-only");

        public override void WriteByte(byte value) => Writes.Add([value]);

        public override void Write(ReadOnlySpan<byte> buffer) => Writes.Add(buffer.ToArray());

        public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) => throw new NotSupportedException();
    }
}

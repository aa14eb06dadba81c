using Appliance.Hal.CallerId;

namespace Appliance.Hal.Tests.CallerId;

public class CallerIdMessageCodecTests
{
    [Fact]
    public void Mdmf_layout_matches_the_standard()
    {
        var bytes = CallerIdMessageCodec.Encode(new CallerIdInfo("123", "AB", "01020304"), true);
        byte[] expectedStart = [0x80, 19, 0x01, 8, (byte)'0', (byte)'1'];
        Assert.Equal(expectedStart, bytes[..6]);
        Assert.Equal([0x02, 3, (byte)'1', (byte)'2', (byte)'3', 0x07, 2, (byte)'A', (byte)'B'], bytes[12..21]);
        Assert.Equal(0, bytes.Sum(b => b) % 256);
    }

    [Fact]
    public void Corrupted_checksum_is_rejected()
    {
        var bytes = CallerIdMessageCodec.Encode(new CallerIdInfo("123"), true);
        bytes[5] ^= 0x01;
        Assert.False(CallerIdMessageCodec.TryDecode(bytes, out _));
    }

    [Fact]
    public void Finds_the_message_after_seizure_bytes()
    {
        var message = CallerIdMessageCodec.Encode(new CallerIdInfo("987"), false);
        byte[] stream = [0x55, 0x55, 0x55, .. message, 0xFF];
        Assert.True(CallerIdMessageCodec.TryDecode(stream, out var info));
        Assert.Equal("987", info!.Number);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var rng = new Random(42);
        var buffer = new byte[64];
        for (int i = 0; i < 20000; i++)
        {
            rng.NextBytes(buffer);
            buffer[0] = (byte)(i % 2 == 0 ? 0x80 : 0x04);
            buffer[1] = (byte)rng.Next(0, 70);
            CallerIdMessageCodec.TryDecode(buffer, out _);
        }
    }

    [Theory]
    [InlineData("A5551234C", "5551234", CallerIdAbsence.None)]
    [InlineData("D0612345678C", "0612345678", CallerIdAbsence.None)]
    [InlineData("B00C", null, CallerIdAbsence.Unavailable)]
    [InlineData("B10C", null, CallerIdAbsence.Private)]
    public void Dtmf_caller_id_parses(string digits, string? number, CallerIdAbsence absence)
    {
        Assert.True(DtmfCallerIdParser.TryParse(digits, out var info));
        Assert.Equal(number, info!.Number);
        Assert.Equal(absence, info.NumberAbsence);
    }

    [Theory]
    [InlineData("")]
    [InlineData("AC")]
    [InlineData("A123")]
    [InlineData("A12#3C")]
    [InlineData("B55C")]
    [InlineData("X123C")]
    [InlineData("A123456789012345678901234567890123456C")]
    public void Bad_dtmf_caller_id_is_rejected(string digits)
    {
        Assert.False(DtmfCallerIdParser.TryParse(digits, out _));
    }
}

using Appliance.Telephony.Rtp;

namespace Appliance.Telephony.Tests.Media;

public class RtpPacketTests
{
    [Fact]
    public void Round_trips_the_fixed_header()
    {
        byte[] packet = new byte[RtpHeader.FixedSize + 3];
        var header = new RtpHeader(true, 8, 65535, 0xDEADBEEF, 0x01020304);
        Assert.Equal(12, header.WriteTo(packet));
        packet[12] = 1; packet[13] = 2; packet[14] = 3;
        Assert.True(RtpHeader.TryParse(packet, out RtpHeader parsed, out ReadOnlySpan<byte> payload));
        Assert.Equal(header, parsed);
        Assert.Equal([1, 2, 3], payload.ToArray());
        Assert.Equal(0x80, packet[0]);
        Assert.Equal(0x88, packet[1]);
    }

    [Fact]
    public void Skips_csrc_list_and_extension_and_strips_padding()
    {
        byte[] packet =
        [
            0xB2, 0x00, 0x00, 0x07, 0, 0, 0, 160, 0, 0, 0, 9, // V=2 P=1 X=1 CC=2, PT 0, seq 7, ts 160, ssrc 9
            0, 0, 0, 1, 0, 0, 0, 2,                            // two CSRCs
            0xBE, 0xDE, 0x00, 0x01, 0x10, 0xAA, 0x00, 0x00,    // one-word header extension
            0x55, 0x66,                                        // payload
            0x00, 0x00, 0x03,                                  // three bytes of padding
        ];
        Assert.True(RtpHeader.TryParse(packet, out RtpHeader header, out ReadOnlySpan<byte> payload));
        Assert.Equal((2, true, true, (ushort)7, 160u, 9u), (header.CsrcCount, header.HasExtension, header.HasPadding, header.SequenceNumber, header.Timestamp, header.Ssrc));
        Assert.Equal([0x55, 0x66], payload.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 })]                       // shorter than 12
    [InlineData(new byte[] { 0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 })]                    // version 1
    [InlineData(new byte[] { 0x81, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 })]                    // CSRC beyond the end
    [InlineData(new byte[] { 0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 5 })]        // extension beyond the end
    [InlineData(new byte[] { 0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 9, 0x20 })]           // padding longer than packet
    [InlineData(new byte[] { 0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 9, 0x00 })]           // padding count zero
    public void Refuses_malformed_packets(byte[] packet) => Assert.False(RtpHeader.TryParse(packet, out _, out _));

    [FsCheck.Xunit.Property(MaxTest = 3000)]
    public bool Never_throws_and_payload_stays_inside_the_packet(byte[] packet)
    {
        packet ??= [];
        if (packet.Length > 0)
        {
            packet[0] = (byte)((packet[0] & 0x3F) | 0x80); // mostly version 2, to reach the deeper checks
        }

        if (!RtpHeader.TryParse(packet, out _, out ReadOnlySpan<byte> payload))
        {
            return true;
        }

        return payload.Length <= packet.Length - RtpHeader.FixedSize;
    }
}

using Appliance.Telephony.Rtp;

namespace Appliance.Telephony.Tests.Media;

public class RtcpPacketTests
{
    private static readonly byte[] Cname = "abc@appliance"u8.ToArray();

    [Fact]
    public void Sender_report_with_a_block_about_the_peer_round_trips()
    {
        byte[] buffer = new byte[128];
        var sender = new RtcpSenderInfo(RtcpSenderInfo.ToNtp(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)), 1234, 50, 8000);
        var block = new RtcpReportBlock(77, 25, -3, 0x1_0005, 40, 0x11112222, 0x8000);
        int length = RtcpPacket.WriteReport(buffer, 42, sender, block, Cname);
        Assert.Equal(0, length % 4);
        Assert.Equal(RtcpPacket.SenderReportType, buffer[1]);

        Assert.True(RtcpPacket.TryParse(buffer.AsSpan(0, length), 77, out RtcpReport report));
        Assert.Equal(42u, report.Ssrc);
        Assert.Equal(sender, report.Sender);
        Assert.Equal(block, report.AboutUs);
        Assert.False(report.IsBye);
    }

    [Fact]
    public void Receiver_report_ignores_blocks_about_other_sources()
    {
        byte[] buffer = new byte[128];
        int length = RtcpPacket.WriteReport(buffer, 42, null, new RtcpReportBlock(99, 0, 0, 1, 0, 0, 0), Cname);
        Assert.Equal(RtcpPacket.ReceiverReportType, buffer[1]);
        Assert.True(RtcpPacket.TryParse(buffer.AsSpan(0, length), 77, out RtcpReport report));
        Assert.Null(report.Sender);
        Assert.Null(report.AboutUs);
    }

    [Fact]
    public void Ntp_conversion_matches_the_1900_epoch()
    {
        ulong ntp = RtcpSenderInfo.ToNtp(DateTimeOffset.UnixEpoch.AddSeconds(1.5));
        Assert.Equal(2_208_988_801UL, ntp >> 32);
        Assert.Equal(0x8000_0000UL, ntp & 0xFFFF_FFFF);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 200, 0, 1 })]                     // length beyond the packet
    [InlineData(new byte[] { 0x81, 201, 0, 1, 0, 0, 0, 1 })]         // a block count with no block
    [InlineData(new byte[] { 0x40, 201, 0, 1, 0, 0, 0, 1 })]         // version 1
    [InlineData(new byte[] { 0x81, 202, 0, 0 })]                     // SDES only, no report
    public void Refuses_malformed_reports(byte[] packet) => Assert.False(RtcpPacket.TryParse(packet, 1, out _));

    [FsCheck.Xunit.Property(MaxTest = 2000)]
    public bool Never_throws_on_random_datagrams(byte[] packet)
    {
        RtcpPacket.TryParse(packet ?? [], 1, out _);
        return true;
    }
}

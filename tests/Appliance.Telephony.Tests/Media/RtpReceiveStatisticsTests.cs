using Appliance.Telephony.Rtp;

namespace Appliance.Telephony.Tests.Media;

public class RtpReceiveStatisticsTests
{
    [Fact]
    public void Counts_loss_across_the_sequence_wrap_and_reports_the_fraction()
    {
        var stats = new RtpReceiveStatistics();
        ushort seq = 65530;
        for (int i = 0; i < 20; i++, seq++)
        {
            if (i % 5 != 4)
            {
                stats.Record(new RtpHeader(false, 0, seq, (uint)i * 160, 1), 160, (uint)i * 160);
            }
        }

        // 20 sent, the 4 dropped are 4, 9, 14 and 19; the last is beyond the highest seen.
        Assert.Equal((16L, 19L, 3L), (stats.PacketsReceived, stats.PacketsExpected, stats.PacketsLost));
        Assert.Equal(65536u + 12, stats.ExtendedHighestSequence);
        RtcpReportBlock block = stats.CreateReportBlock(0, 0);
        Assert.Equal(3 * 256 / 19, block.FractionLost);
        Assert.Equal(0, stats.CreateReportBlock(0, 0).FractionLost); // nothing new since the last report
        Assert.Equal(0, stats.JitterMs);
    }

    [Fact]
    public void Jitter_follows_rfc3550_from_arrival_variation()
    {
        var stats = new RtpReceiveStatistics();
        for (ushort i = 0; i < 400; i++)
        {
            // Arrivals alternate 8 samples (1 ms) early and late: |D| = 16 samples every packet.
            uint arrival = (uint)(i * 160) + (i % 2 == 0 ? 0u : 16u);
            stats.Record(new RtpHeader(false, 0, i, (uint)i * 160, 1), 160, arrival);
        }

        Assert.Equal(2.0, stats.JitterMs, 2);
    }

    [Fact]
    public void A_duplicate_does_not_hide_loss_and_a_new_ssrc_restarts()
    {
        var stats = new RtpReceiveStatistics();
        stats.Record(new RtpHeader(false, 0, 10, 0, 1), 160, 0);
        stats.Record(new RtpHeader(false, 0, 12, 320, 1), 160, 320);
        Assert.Equal(1, stats.PacketsLost);
        stats.Record(new RtpHeader(false, 0, 500, 0, 2), 160, 400);
        Assert.Equal((2u, 1L, 0L), (stats.Ssrc, stats.PacketsReceived, stats.PacketsLost));
        Assert.Equal((3L, 4L, 1L, 480L), (stats.TotalPacketsReceived, stats.TotalPacketsExpected, stats.TotalPacketsLost, stats.TotalBytesReceived));
    }
}

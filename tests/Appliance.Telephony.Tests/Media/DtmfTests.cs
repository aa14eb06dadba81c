using Appliance.Telephony.Rtp;

namespace Appliance.Telephony.Tests.Media;

public class DtmfTests
{
    [Fact]
    public void Sender_marks_the_start_grows_the_duration_and_sends_the_end_three_times()
    {
        var sender = new DtmfSender();
        Assert.True(sender.TryStart('#', 100, 5000));
        var packets = new List<(TelephoneEvent Event, bool Marker)>();
        while (sender.TryNext(out TelephoneEvent e, out bool marker))
        {
            packets.Add((e, marker));
        }

        Assert.Equal([160, 320, 480, 640, 800, 800, 800], packets.Select(p => (int)p.Event.Duration));
        Assert.Equal([true, false, false, false, false, false, false], packets.Select(p => p.Marker));
        Assert.Equal(3, packets.Count(p => p.Event.End));
        Assert.All(packets, p => Assert.Equal(11, p.Event.Event));
        Assert.Equal(5000u, sender.EventTimestamp);
        Assert.False(sender.IsActive);
    }

    [Fact]
    public void Sender_refuses_non_digits_and_overlapping_events()
    {
        var sender = new DtmfSender();
        Assert.False(sender.TryStart('x', 100, 0));
        Assert.True(sender.TryStart('5', 100, 0));
        Assert.False(sender.TryStart('6', 100, 0));
    }

    [Fact]
    public void Receiver_reports_each_event_once_despite_three_ends_and_retransmissions()
    {
        var receiver = new DtmfReceiver();
        var reported = new List<DtmfEvent>();
        void Feed(uint ts, byte code, bool end, ushort duration)
        {
            if (receiver.TryAccept(ts, new TelephoneEvent(code, end, 10, duration), out DtmfEvent e))
            {
                reported.Add(e);
            }
        }

        foreach (uint ts in new uint[] { 1000, 3000 })
        {
            Feed(ts, (byte)(ts / 1000), false, 160);
            Feed(ts, (byte)(ts / 1000), false, 320);
            Feed(ts, (byte)(ts / 1000), true, 800);
            Feed(ts, (byte)(ts / 1000), true, 800);
            Feed(ts, (byte)(ts / 1000), true, 800);
        }

        Assert.Equal([new DtmfEvent('1', TimeSpan.FromMilliseconds(100), 1000), new DtmfEvent('3', TimeSpan.FromMilliseconds(100), 3000)], reported);
    }

    [Fact]
    public void Receiver_reports_an_event_whose_end_packets_were_all_lost_when_the_next_starts()
    {
        var receiver = new DtmfReceiver();
        Assert.False(receiver.TryAccept(100, new TelephoneEvent(7, false, 10, 480), out _));
        Assert.True(receiver.TryAccept(900, new TelephoneEvent(8, false, 10, 160), out DtmfEvent lost));
        Assert.Equal(('7', 100u), (lost.Digit, lost.RtpTimestamp));
        Assert.True(receiver.TryAccept(900, new TelephoneEvent(8, true, 10, 800), out DtmfEvent next));
        Assert.Equal('8', next.Digit);
    }

    [Theory]
    [InlineData('0', 0)]
    [InlineData('9', 9)]
    [InlineData('*', 10)]
    [InlineData('#', 11)]
    [InlineData('A', 12)]
    [InlineData('D', 15)]
    public void Digits_map_to_rfc4733_codes_both_ways(char digit, byte code)
    {
        Assert.True(TelephoneEvent.TryGetEventCode(digit, out byte c));
        Assert.Equal(code, c);
        Assert.True(TelephoneEvent.TryGetDigit(code, out char d));
        Assert.Equal(digit, d);
    }
}

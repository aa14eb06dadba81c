using System.Net;
using Appliance.Telephony.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Telephony.Tests.Media;

public class SymmetricRtpLatchTests
{
    private static readonly IPEndPoint Signalled = IPEndPoint.Parse("192.0.2.1:4000");
    private static readonly IPEndPoint Nat = IPEndPoint.Parse("198.51.100.9:61000");
    private static readonly IPEndPoint Stray = IPEndPoint.Parse("203.0.113.5:5000");

    [Fact]
    public void Sends_to_the_signalled_address_until_media_arrives_then_to_its_source()
    {
        var latch = new SymmetricRtpLatch(new FakeTimeProvider());
        latch.Reset(Signalled);
        Assert.Equal(Signalled.Serialize(), latch.Current);
        Assert.True(latch.Accept(Nat.Serialize(), out IPEndPoint? moved));
        Assert.Equal(Nat, moved);
        Assert.Equal(Nat.Serialize(), latch.Current);
        Assert.True(latch.Accept(Nat.Serialize(), out moved));
        Assert.Null(moved);
    }

    [Fact]
    public void A_stray_source_cannot_take_over_an_active_stream_but_can_after_silence()
    {
        var time = new FakeTimeProvider();
        var latch = new SymmetricRtpLatch(time);
        latch.Reset(Signalled);
        latch.Accept(Nat.Serialize(), out _);
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.False(latch.Accept(Stray.Serialize(), out _));
        Assert.Equal(Nat.Serialize(), latch.Current);
        time.Advance(SymmetricRtpLatch.RelatchAfter);
        Assert.True(latch.Accept(Stray.Serialize(), out IPEndPoint? moved));
        Assert.Equal(Stray, moved);
    }

    [Fact]
    public void Reset_to_null_sends_nowhere()
    {
        var latch = new SymmetricRtpLatch(new FakeTimeProvider());
        latch.Reset(null);
        Assert.Null(latch.Current);
    }
}

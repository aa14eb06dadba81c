using System.Net;
using Appliance.Telephony.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Telephony.Tests.Sip;

public sealed class SipRateLimiterTests
{
    [Fact]
    public void A_flooding_source_is_cut_after_its_burst_and_recovers_at_the_rate()
    {
        var time = new FakeTimeProvider();
        var limiter = new SipRateLimiter(time, requestsPerSecond: 10, burst: 5);
        var flooder = IPAddress.Parse("192.0.2.7");
        var other = IPAddress.Parse("192.0.2.8");
        var allowed = 0;
        for (var i = 0; i < 50; i++)
        {
            allowed += limiter.TryAcquire(flooder) ? 1 : 0;
        }
        Assert.Equal(5, allowed);
        Assert.True(limiter.TryAcquire(other));
        time.Advance(TimeSpan.FromMilliseconds(300));
        Assert.True(limiter.TryAcquire(flooder));
        Assert.True(limiter.TryAcquire(flooder));
        Assert.True(limiter.TryAcquire(flooder));
        Assert.False(limiter.TryAcquire(flooder));
    }
}

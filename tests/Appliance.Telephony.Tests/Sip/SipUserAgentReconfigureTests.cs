using System.Net;
using Appliance.Telephony.Sip.Auth;
using Appliance.Telephony.Sip.UserAgent;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Telephony.Tests.Sip;

/// <summary>Trusted peers and inbound credentials change while the user agent runs, without a restart.</summary>
public sealed class SipUserAgentReconfigureTests
{
    [Fact]
    public async Task A_newly_trusted_address_is_taken_and_credentials_bring_challenges()
    {
        await using var ua = SipUserAgent.Start(SipUserAgentCallTests.Options([IPAddress.Parse("192.0.2.10")]), new FakeTimeProvider());
        var offered = 0;
        ua.IncomingCall += call =>
        {
            Interlocked.Increment(ref offered);
            call.Reject(486, "Busy Here");
        };
        await using var peer = new SipTestPeer(ua.UdpEndPoint);
        await peer.SendAsync(SipTestPeer.Invite("call-before"), SipTestPeer.Offer);
        await peer.ExpectResponseAsync(403);

        await ua.ReconfigureAsync([], [IPAddress.Loopback], []);
        Assert.Contains(IPAddress.Loopback, ua.TrustedPeers);
        await peer.SendAsync(SipTestPeer.Invite("call-trusted"), SipTestPeer.Offer);
        await peer.ExpectResponseAsync(486);
        Assert.Equal(1, offered);

        await ua.ReconfigureAsync([], [IPAddress.Parse("192.0.2.10")], [new SipInboundCredential("appliance", "alice", "pw")]);
        await peer.SendAsync(SipTestPeer.Invite("call-challenged"), SipTestPeer.Offer);
        await peer.ExpectResponseAsync(401);
        Assert.Equal(1, offered);
    }
}

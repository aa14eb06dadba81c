using System.Net;
using Appliance.Telephony.Sip.Auth;
using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.UserAgent;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Telephony.Tests.Sip;

/// <summary>The user agent challenges INVITEs from untrusted addresses and takes the retry with good SHA-256 credentials.</summary>
public sealed class SipUserAgentDigestTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task An_untrusted_caller_is_challenged_and_its_authenticated_retry_is_offered()
    {
        var options = SipUserAgentCallTests.Options([IPAddress.Parse("192.0.2.10")]) with
        {
            InboundCredentials = [new SipInboundCredential("appliance", "alice", "correct horse")],
        };
        await using var ua = SipUserAgent.Start(options, _time);
        var offered = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        ua.IncomingCall += call => offered.TrySetResult(call);
        await using var peer = new SipTestPeer(ua.UdpEndPoint);

        await peer.SendAsync(SipTestPeer.Invite("call-auth"), SipTestPeer.Offer);
        var challenge = await peer.ExpectResponseAsync(401);
        var sha256 = challenge.Headers.GetValues(SipHeaderNames.WwwAuthenticate).First();
        Assert.True(DigestChallenge.TryParse(sha256, out var parsed));
        Assert.Equal("SHA-256", parsed!.Algorithm);
        Assert.False(offered.Task.IsCompleted);

        var authorization = DigestAuthenticator.CreateAuthorization(parsed, "INVITE", "sip:100@127.0.0.1", "alice", "correct horse", "c0ffee", 1);
        var retry = SipTestPeer.Invite("call-auth", extra: "\r\nAuthorization: " + authorization)
            .Replace("CSeq: 1 INVITE", "CSeq: 2 INVITE", StringComparison.Ordinal).Replace("-1;rport", "-2;rport", StringComparison.Ordinal);
        await peer.SendAsync(retry, SipTestPeer.Offer);
        var call = await offered.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("100", call.RequestUser);

        // The same credentials again (a captured INVITE replayed) are refused.
        await peer.SendAsync(retry.Replace("call-auth", "call-replay", StringComparison.Ordinal), SipTestPeer.Offer);
        await peer.ExpectResponseAsync(403);
    }
}

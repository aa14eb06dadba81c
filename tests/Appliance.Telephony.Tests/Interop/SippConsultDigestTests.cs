using System.Net;
using Appliance.Telephony.Sip.Auth;
using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transport;
using Appliance.Telephony.Sip.UserAgent;
using Appliance.Telephony.Tests.Sip;

namespace Appliance.Telephony.Tests.Interop;

/// <summary>Our outgoing (consultation) INVITE challenged by a sipp PBX: answered with the connection's credentials for the realm.</summary>
[Collection("Interop")]
public sealed class SippConsultDigestTests
{
    private readonly CapturingLogger _log = new();

    private SipUserAgent Start(string password) => SipUserAgent.Start(new SipUserAgentOptions
    {
        Transport = new SipTransportOptions { Port = 0 },
        RtpPortMin = 48_000,
        RtpPortMax = 48_999,
        InboundCredentials = [new SipInboundCredential("other.realm", "999", "not-this-one"), new SipInboundCredential("pbx.test", "100", password)],
    }, TimeProvider.System, _log);

    private async Task<(SipCall Call, bool Answered, (int ExitCode, string Output) Sipp)> ConsultAsync(SipUserAgent ua)
    {
        var pbxPort = PeerProcess.FreePort();
        var pbx = Sipp.RunAsync("uas_digest_challenge.xml", ua.UdpEndPoint.Port, TimeSpan.FromSeconds(20), localPort: pbxPort);
        // Until sipp listens, the INVITE is simply retransmitted (T1 doubling).
        var call = ua.Call(new SipUri("sip", "200", "127.0.0.1", pbxPort), new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, pbxPort)));
        var answered = await call.WhenAnsweredAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));
        if (answered)
        {
            var hangup = call.HangupAsync();
            await Task.WhenAny(hangup, pbx).WaitAsync(TimeSpan.FromSeconds(10));
        }
        return (call, answered, await pbx);
    }

    [Fact]
    public async Task A_challenged_consultation_invite_is_retried_with_the_realms_credentials_and_answered()
    {
        await using var ua = Start("pbx-secret");
        var (_, answered, sipp) = await ConsultAsync(ua);
        Assert.True(answered, "not answered; sipp:\n" + sipp.Output + "\nlog:\n" + string.Join('\n', _log.Lines));
        Assert.True(sipp.ExitCode == 0, "sipp failed:\n" + sipp.Output);
        Assert.Contains(_log.Lines, l => l.Contains("challenge of realm pbx.test as 100", StringComparison.Ordinal));
        Assert.DoesNotContain(_log.Lines, l => l.Contains("pbx-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wrong_credentials_end_the_consultation_with_the_pbx_refusal()
    {
        await using var ua = Start("wrong-secret");
        var (call, answered, _) = await ConsultAsync(ua);
        Assert.False(answered);
        // One retry only: the PBX's 403 to our credentials ends the call (no loop of challenges).
        Assert.Equal(403, call.EndReason?.StatusCode);
    }
}

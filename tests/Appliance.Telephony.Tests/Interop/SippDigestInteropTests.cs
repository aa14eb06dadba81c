using System.Net;
using Appliance.Telephony.Sip.Auth;
using Appliance.Telephony.Sip.Transport;
using Appliance.Telephony.Sip.UserAgent;
using Appliance.Telephony.Tests.Sip;

namespace Appliance.Telephony.Tests.Interop;

/// <summary>
/// Inbound digest against real sipp (-au/-ap; sipp 3.6 answers MD5 only): sipp on 127.0.0.1 is not a
/// trusted address here, so its INVITE is challenged and its retry must carry a configured user.
/// </summary>
public sealed class SippDigestInteropTests
{
    private readonly CapturingLogger _log = new();

    private SipUserAgent Start() => SipUserAgent.Start(new SipUserAgentOptions
    {
        Transport = new SipTransportOptions { Port = 0 },
        RtpPortMin = 46_000,
        RtpPortMax = 46_999,
        TrustedPeers = [IPAddress.Parse("192.0.2.1")],
        InboundCredentials = [new SipInboundCredential("appliance", "softphone", "s3cret-pass")],
        InboundDigestAlgorithms = ["MD5"],
    }, TimeProvider.System, _log);

    [Fact]
    public async Task A_caller_with_the_right_password_is_challenged_then_answered()
    {
        await using var ua = Start();
        var answered = 0;
        ua.IncomingCall += call =>
        {
            Interlocked.Increment(ref answered);
            call.Accept();
        };
        var result = await Sipp.RunAsync("uac_digest_auth.xml", ua.UdpEndPoint.Port, TimeSpan.FromSeconds(20),
            extraArguments: ["-au", "softphone", "-ap", "s3cret-pass"]);
        Assert.True(result.ExitCode == 0, "sipp failed:\n" + result.Output + "\nlog:\n" + string.Join('\n', _log.Lines));
        Assert.Equal(1, answered);
    }

    [Fact]
    public async Task A_caller_with_a_wrong_password_is_refused_without_reaching_the_call_handler()
    {
        await using var ua = Start();
        var offered = 0;
        ua.IncomingCall += _ => Interlocked.Increment(ref offered);
        var result = await Sipp.RunAsync("uac_digest_auth.xml", ua.UdpEndPoint.Port, TimeSpan.FromSeconds(20),
            extraArguments: ["-au", "softphone", "-ap", "guess"]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("403", result.Output, StringComparison.Ordinal);
        Assert.Equal(0, offered);
        // The operator can see why: the reason is in the log, the password is not.
        Assert.Contains(_log.Lines, l => l.Contains("refused: wrong password for softphone", StringComparison.Ordinal));
        Assert.DoesNotContain(_log.Lines, l => l.Contains("guess", StringComparison.Ordinal));
    }
}

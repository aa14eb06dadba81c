using Appliance.Telephony.Sip.Transport;
using Appliance.Telephony.Sip.UserAgent;

namespace Appliance.Telephony.Tests.Interop;

/// <summary>RFC 3262 against real sipp: a caller that requires 100rel PRACKs our reliable 180 before the 200.</summary>
[Collection("Interop")]
public sealed class SippReliableProvisionalTests
{
    [Fact]
    public async Task A_caller_requiring_100rel_gets_a_reliable_180_and_the_200_after_its_prack()
    {
        await using var ua = SipUserAgent.Start(new SipUserAgentOptions
        {
            Transport = new SipTransportOptions { Port = 0 },
            RtpPortMin = 47_000,
            RtpPortMax = 47_999,
        }, TimeProvider.System);
        var ended = new TaskCompletionSource<SipCallEndReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        var established = 0;
        ua.IncomingCall += call =>
        {
            call.Established += _ => Interlocked.Increment(ref established);
            call.Ended += (_, r) => ended.TrySetResult(r);
            call.Ring();
            call.Accept();
        };
        var result = await Sipp.RunAsync("uac_100rel_prack.xml", ua.UdpEndPoint.Port, TimeSpan.FromSeconds(20));
        Assert.True(result.ExitCode == 0, "sipp failed (" + result.ExitCode + "):\n" + result.Output);
        Assert.Equal(1, established);
        Assert.Equal("remote-bye", (await ended.Task.WaitAsync(TimeSpan.FromSeconds(5))).Cause);
    }
}

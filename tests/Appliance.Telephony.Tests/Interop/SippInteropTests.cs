using System.Collections.Concurrent;
using Appliance.Telephony.Sdp;
using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transport;
using Appliance.Telephony.Sip.UserAgent;

namespace Appliance.Telephony.Tests.Interop;

/// <summary>sipp (a real, independent SIP implementation) calls the appliance over 127.0.0.1.</summary>
[Collection("Interop")]
public sealed class SippInteropTests : IAsyncLifetime
{
    private static readonly TimeSpan SippTimeout = TimeSpan.FromSeconds(20);
    private SipUserAgent _ua = null!;
    private readonly TaskCompletionSource<SipCall> _established = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<SipCallEndReason> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<char> _digits = new();
    private readonly ConcurrentQueue<NegotiatedMedia> _mediaChanges = new();
    private int _offered;

    public Task InitializeAsync()
    {
        _ua = SipUserAgent.Start(new SipUserAgentOptions
        {
            Transport = new SipTransportOptions { Port = 0 },
            RtpPortMin = 40_000,
            RtpPortMax = 44_999,
        }, TimeProvider.System);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ua.DisposeAsync();

    private void OnCall(Action<SipCall> decide) => _ua.IncomingCall += call =>
    {
        Interlocked.Increment(ref _offered);
        call.Established += c => _established.TrySetResult(c);
        call.Ended += (_, r) => _ended.TrySetResult(r);
        call.DtmfReceived += (_, d) => _digits.Enqueue(d);
        call.MediaChanged += (_, m) => _mediaChanges.Enqueue(m);
        decide(call);
    };

    /// <summary>Waits for the call to be established, or reports sipp's output if sipp gave up first.</summary>
    private async Task<SipCall> EstablishedAsync(Task<(int ExitCode, string Output)> sipp)
    {
        var first = await Task.WhenAny(_established.Task, sipp).WaitAsync(TimeSpan.FromSeconds(10));
        if (first == sipp)
        {
            AssertSippPassed(await sipp);
        }
        return await _established.Task;
    }

    private static void AssertSippPassed((int ExitCode, string Output) result) =>
        Assert.True(result.ExitCode == 0, "sipp failed (" + result.ExitCode + "):\n" + result.Output);

    [Fact]
    public async Task Sipp_call_delivers_decoded_audio_and_rfc4733_digit_then_bye()
    {
        OnCall(c =>
        {
            c.Ring();
            c.Accept();
        });
        var sipp = Sipp.RunAsync("uac_media_dtmf_bye.xml", _ua.UdpEndPoint.Port, SippTimeout);
        var call = await EstablishedAsync(sipp);
        Assert.Equal("100", call.RequestUser);
        Assert.Equal("PCMA", call.NegotiatedMedia!.CodecName);
        var media = call.Media!;
        var frame = new short[160];
        var frames = 0;
        double loudest = 0;
        // Pace like the conversation layer would: one 20 ms frame per tick, for about 1.5 s of g711a.pcap.
        for (var tick = 0; tick < 75; tick++)
        {
            await Task.Delay(20);
            if (media.TryReadFrame(frame))
            {
                frames++;
                double sum = 0;
                foreach (var s in frame)
                {
                    sum += (double)s * s;
                }
                loudest = Math.Max(loudest, Math.Sqrt(sum / frame.Length));
            }
        }
        AssertSippPassed(await sipp);
        Assert.True(frames > 30, $"only {frames} frames decoded");
        Assert.True(loudest > 500, $"decoded audio is near silence (RMS {loudest:F0})");
        Assert.Contains('1', _digits);
        Assert.Equal("remote-bye", (await _ended.Task.WaitAsync(TimeSpan.FromSeconds(5))).Cause);
    }

    [Fact]
    public async Task Appliance_hangs_up_with_bye()
    {
        OnCall(c => c.Accept());
        var sipp = Sipp.RunAsync("uac_wait_bye.xml", _ua.UdpEndPoint.Port, SippTimeout);
        var call = await EstablishedAsync(sipp);
        await call.HangupAsync().WaitAsync(TimeSpan.FromSeconds(10));
        AssertSippPassed(await sipp);
        Assert.Equal("local-bye", call.EndReason!.Cause);
    }

    [Fact]
    public async Task Cancel_before_answer_ends_the_call_with_487()
    {
        OnCall(c => c.Ring());
        AssertSippPassed(await Sipp.RunAsync("uac_cancel.xml", _ua.UdpEndPoint.Port, SippTimeout));
        Assert.Equal("cancelled", (await _ended.Task.WaitAsync(TimeSpan.FromSeconds(5))).Cause);
    }

    [Fact]
    public async Task Retransmitted_invite_lost_ack_and_hold_reinvite()
    {
        OnCall(c =>
        {
            c.Ring();
            _ = Task.Delay(600).ContinueWith(_ => c.Accept(), TaskScheduler.Default);
        });
        var result = await Sipp.RunAsync("uac_retrans_lostack_hold.xml", _ua.UdpEndPoint.Port, SippTimeout);
        AssertSippPassed(result);
        Assert.Equal(1, _offered);
        // sipp's final screen: the first "200 <---" row counts the retransmissions of our unacknowledged 200.
        var row = System.Text.RegularExpressions.Regex.Match(result.Output, @"200 <-+\s+1\s+(\d+)");
        Assert.True(row.Success && int.Parse(row.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 2, result.Output);
        Assert.Contains(_mediaChanges, m => m.Direction == MediaDirection.RecvOnly);
        Assert.Equal("remote-bye", (await _ended.Task.WaitAsync(TimeSpan.FromSeconds(5))).Cause);
    }

    [Fact]
    public async Task Blind_transfer_by_refer_to_the_pbx()
    {
        OnCall(c => c.Accept());
        var sipp = Sipp.RunAsync("uac_refer_pbx.xml", _ua.UdpEndPoint.Port, SippTimeout);
        var call = await EstablishedAsync(sipp);
        Assert.True(SipUri.TryParse("sip:200@127.0.0.1", out var target));
        var status = await call.TransferAsync(target!).WaitAsync(TimeSpan.FromSeconds(15));
        AssertSippPassed(await sipp);
        Assert.Equal(200, status);
    }
}

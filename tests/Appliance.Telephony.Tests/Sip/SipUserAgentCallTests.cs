using System.Net;
using Appliance.Telephony.Sdp;
using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transport;
using Appliance.Telephony.Sip.UserAgent;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Telephony.Tests.Sip;

/// <summary>The user agent against a scripted phone on 127.0.0.1; time is fake so nothing retransmits unasked.</summary>
public sealed class SipUserAgentCallTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private SipUserAgent _ua = null!;
    private SipTestPeer _peer = null!;
    private readonly List<SipCall> _calls = [];
    // Completed by the Established event, which fires after the call's timers are armed.
    private readonly TaskCompletionSource _established = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action<SipCall> _decide = c => { c.Ring(); c.Accept(); };

    public Task InitializeAsync()
    {
        _ua = SipUserAgent.Start(Options(), _time);
        _ua.IncomingCall += c =>
        {
            _calls.Add(c);
            c.Established += _ => _established.TrySetResult();
            _decide(c);
        };
        _peer = new SipTestPeer(_ua.UdpEndPoint);
        return Task.CompletedTask;
    }

    internal static SipUserAgentOptions Options(IReadOnlyList<IPAddress>? trusted = null) => new()
    {
        Transport = new SipTransportOptions { Port = 0 },
        RtpPortMin = 30_000,
        RtpPortMax = 39_999,
        TrustedPeers = trusted ?? [],
        SessionExpiresSeconds = 120,
    };

    public async Task DisposeAsync()
    {
        await _peer.DisposeAsync();
        await _ua.DisposeAsync();
    }

    private async Task<(SipMessage Ok, string Tag)> EstablishAsync(string callId, string extra = "")
    {
        await _peer.SendAsync(SipTestPeer.Invite(callId, extra: extra), SipTestPeer.Offer);
        var ok = await _peer.ExpectResponseAsync(200);
        var tag = ok.To!.Tag!;
        await _peer.SendAsync(SipTestPeer.InDialog("ACK", callId, tag, 1));
        await _established.Task.WaitAsync(TimeSpan.FromSeconds(5));
        return (ok, tag);
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 250 && !condition(); i++)
        {
            await Task.Delay(20);
        }
        Assert.True(condition());
    }

    [Fact]
    public async Task Incoming_call_rings_answers_with_sdp_and_ends_on_bye()
    {
        var (ok, tag) = await EstablishAsync("call-basic");
        var call = Assert.Single(_calls);
        Assert.Equal("100", call.RequestUser);
        Assert.Equal("100", call.ToUser);
        Assert.True(SessionDescription.TryParse(ok.BodyText, out var answer, out _));
        Assert.Equal("PCMU", call.NegotiatedMedia!.CodecName);
        Assert.Equal(40000, call.NegotiatedMedia.Remote.Port);
        Assert.Equal(call.Media!.LocalPort, answer!.Media[0].Port);
        Assert.NotNull(ok.Contact);
        SipCallEndReason? ended = null;
        call.Ended += (_, r) => ended = r;
        await _peer.SendAsync(SipTestPeer.InDialog("BYE", "call-basic", tag, 2));
        await _peer.ExpectResponseAsync(200, "BYE");
        await WaitUntil(() => ended is not null);
        Assert.Equal("remote-bye", ended!.Cause);
        Assert.Null(call.Media);
    }

    [Fact]
    public async Task Remote_hold_is_answered_recvonly_and_reported()
    {
        var (_, tag) = await EstablishAsync("call-hold");
        var call = _calls[0];
        NegotiatedMedia? changed = null;
        call.MediaChanged += (_, m) => changed = m;
        await _peer.SendAsync(SipTestPeer.InDialog("INVITE", "call-hold", tag, 2, "\nContent-Type: application/sdp"), SipTestPeer.HoldOffer);
        var ok = await _peer.ExpectResponseAsync(200);
        Assert.Contains("a=recvonly", ok.BodyText, StringComparison.Ordinal);
        await WaitUntil(() => changed is not null);
        Assert.Equal(MediaDirection.RecvOnly, changed!.Direction);
    }

    [Fact]
    public async Task Info_dtmf_is_reported()
    {
        var (_, tag) = await EstablishAsync("call-info");
        var digits = new List<char>();
        _calls[0].DtmfReceived += (_, d) => digits.Add(d);
        await _peer.SendAsync(SipTestPeer.InDialog("INFO", "call-info", tag, 2, "\nContent-Type: application/dtmf-relay"), "Signal=5\r\nDuration=160\r\n");
        await _peer.ExpectResponseAsync(200, "INFO");
        await _peer.SendAsync(SipTestPeer.InDialog("INFO", "call-info", tag, 3, "\nContent-Type: application/dtmf-relay"), "Signal=#\r\nDuration=160\r\n");
        await _peer.ExpectResponseAsync(200, "INFO");
        await WaitUntil(() => digits.Count == 2);
        Assert.Equal(['5', '#'], digits);
    }

    [Fact]
    public async Task Invite_without_sdp_gets_an_offer_and_the_ack_answer_starts_media()
    {
        await _peer.SendAsync(SipTestPeer.Invite("call-late").Replace("\nContent-Type: application/sdp", "", StringComparison.Ordinal));
        var ok = await _peer.ExpectResponseAsync(200);
        Assert.Contains("m=audio", ok.BodyText, StringComparison.Ordinal);
        var answer = SipTestPeer.Offer.Replace("RTP/AVP 8 0 101", "RTP/AVP 0", StringComparison.Ordinal);
        await _peer.SendAsync(SipTestPeer.InDialog("ACK", "call-late", ok.To!.Tag!, 1, "\nContent-Type: application/sdp"), answer);
        await WaitUntil(() => _calls[0].State == SipCallState.Established);
        Assert.Equal(0, _calls[0].NegotiatedMedia!.PayloadType);
    }

    [Fact]
    public async Task Session_is_refreshed_before_it_expires_with_an_unchanged_sdp_version()
    {
        var (ok, _) = await EstablishAsync("call-timer", "\nSupported: timer\nSession-Expires: 90");
        Assert.Equal("90;refresher=uas", ok.Headers.Get(SipHeaderNames.SessionExpires));
        Assert.True(ok.HasOptionTag(SipHeaderNames.Require, "timer"));
        _time.Advance(TimeSpan.FromSeconds(44));
        Assert.True(await _peer.StaysQuietAsync(m => m.Method == "INVITE", 0.3));
        _time.Advance(TimeSpan.FromSeconds(1));
        var refresh = await _peer.ExpectRequestAsync("INVITE");
        Assert.Equal(OriginLine(ok.BodyText), OriginLine(refresh.BodyText));
        await _peer.RespondAsync(refresh, 200, "OK", SipTestPeer.Offer);
        var ack = await _peer.ExpectRequestAsync("ACK");
        Assert.Equal(refresh.CSeq!.Value.Number, ack.CSeq!.Value.Number);
        Assert.NotEqual(refresh.TopVia!.Branch, ack.TopVia!.Branch);
    }

    [Fact]
    public async Task Own_hold_offer_bumps_the_sdp_version()
    {
        var (ok, _) = await EstablishAsync("call-ownhold");
        var hold = _calls[0].HoldAsync();
        var reinvite = await _peer.ExpectRequestAsync("INVITE");
        Assert.Contains("a=sendonly", reinvite.BodyText, StringComparison.Ordinal);
        Assert.Equal(Version(ok.BodyText) + 1, Version(reinvite.BodyText));
        await _peer.RespondAsync(reinvite, 200, "OK", SipTestPeer.Offer.Replace("a=sendrecv", "a=recvonly", StringComparison.Ordinal));
        Assert.True(await hold);
        await _peer.ExpectRequestAsync("ACK");
    }

    [Fact]
    public async Task Untrusted_sources_get_403()
    {
        await using var ua = SipUserAgent.Start(Options([IPAddress.Parse("192.0.2.10")]), _time);
        var offered = 0;
        ua.IncomingCall += _ => offered++;
        await using var peer = new SipTestPeer(ua.UdpEndPoint);
        await peer.SendAsync(SipTestPeer.Invite("call-untrusted"), SipTestPeer.Offer);
        await peer.ExpectResponseAsync(403);
        Assert.Equal(0, offered);
    }

    [Theory]
    [InlineData(404, "Not Found")]
    [InlineData(486, "Busy Here")]
    [InlineData(503, "Service Unavailable")]
    public async Task Refusals_carry_status_and_reason(int status, string phrase)
    {
        _decide = c => c.Reject(status, phrase, "no agent for this number");
        await _peer.SendAsync(SipTestPeer.Invite("call-refused-" + status), SipTestPeer.Offer);
        var refused = await _peer.ExpectResponseAsync(status);
        Assert.Contains("no agent for this number", refused.Headers.Get(SipHeaderNames.Reason), StringComparison.Ordinal);
        Assert.Equal(status, _calls[0].EndReason!.StatusCode);
    }

    [Fact]
    public async Task Redirect_sends_302_with_the_target_contact()
    {
        _decide = c => c.Redirect(new SipUri("sip", "200", "127.0.0.1", 5080));
        await _peer.SendAsync(SipTestPeer.Invite("call-302"), SipTestPeer.Offer);
        var moved = await _peer.ExpectResponseAsync(302);
        Assert.Equal("200", moved.Contact!.Uri.User);
    }

    [Fact]
    public async Task Options_are_answered_with_allow()
    {
        await _peer.SendAsync("""
            OPTIONS sip:100@127.0.0.1 SIP/2.0
            Via: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bKopt
            From: <sip:alice@127.0.0.1>;tag=o1
            To: <sip:100@127.0.0.1>
            Call-ID: opt-1
            CSeq: 1 OPTIONS
            Max-Forwards: 70
            """);
        var ok = await _peer.ExpectResponseAsync(200, "OPTIONS");
        Assert.Contains("REFER", ok.Headers.Get(SipHeaderNames.Allow), StringComparison.Ordinal);
    }

    private static string OriginLine(string sdp) => sdp.Split("\r\n").First(l => l.StartsWith("o=", StringComparison.Ordinal));

    private static ulong Version(string sdp) => ulong.Parse(OriginLine(sdp).Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
}

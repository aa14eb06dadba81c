using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.UserAgent;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Telephony.Tests.Sip;

/// <summary>RFC 3262 as UAS against the scripted phone: RSeq, retransmission on T1 doubling, PRACK matching, the held 200.</summary>
public sealed class SipUserAgentReliableProvisionalTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private SipUserAgent _ua = null!;
    private SipTestPeer _peer = null!;
    private SipCallEndReason? _ended;

    public Task InitializeAsync()
    {
        _ua = SipUserAgent.Start(SipUserAgentCallTests.Options(), _time);
        _ua.IncomingCall += c =>
        {
            c.Ended += (_, r) => _ended = r;
            c.Ring();
            c.Accept();
        };
        _peer = new SipTestPeer(_ua.UdpEndPoint);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _peer.DisposeAsync();
        await _ua.DisposeAsync();
    }

    private static string Prack(string callId, string toTag, string rack) =>
        SipTestPeer.InDialog("PRACK", callId, toTag, 2, "\nRAck: " + rack);

    [Fact]
    public async Task Supported_100rel_gets_a_reliable_180_retransmitted_until_prack_and_the_200_after_it()
    {
        await _peer.SendAsync(SipTestPeer.Invite("rel-1", extra: "\nSupported: 100rel, timer"), SipTestPeer.Offer);
        var ringing = await _peer.ExpectResponseAsync(180);
        Assert.True(ringing.HasOptionTag(SipHeaderNames.Require, "100rel"));
        var rseq = ringing.Headers.Get(SipHeaderNames.RSeq);
        Assert.True(uint.TryParse(rseq, out var n) && n is >= 1 and < 0x80000000u, "RSeq " + rseq);
        Assert.Contains("PRACK", ringing.Headers.Get(SipHeaderNames.Allow), StringComparison.Ordinal);
        // The 200 is held back until the PRACK.
        Assert.True(await _peer.StaysQuietAsync(m => m.StatusCode == 200, 0.3));

        _time.Advance(TimeSpan.FromMilliseconds(500));
        var again = await _peer.ExpectResponseAsync(180);
        Assert.Equal(rseq, again.Headers.Get(SipHeaderNames.RSeq));
        // The next retransmission comes after 2·T1, not T1.
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(await _peer.StaysQuietAsync(m => m.StatusCode == 180, 0.3));
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await _peer.ExpectResponseAsync(180);

        var tag = ringing.To!.Tag!;
        await _peer.SendAsync(Prack("rel-1", tag, rseq + " 1 INVITE"));
        await _peer.ExpectResponseAsync(200, "PRACK");
        var ok = await _peer.ExpectResponseAsync(200);
        Assert.Equal(tag, ok.To!.Tag);
        Assert.True(ok.HasSdpBody);

        // Acknowledged: no more 180s.
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.True(await _peer.StaysQuietAsync(m => m.StatusCode == 180, 0.3));
    }

    [Fact]
    public async Task A_prack_for_another_rseq_gets_481_and_no_prack_in_64_t1_refuses_the_call_with_500()
    {
        await _peer.SendAsync(SipTestPeer.Invite("rel-2", extra: "\nRequire: 100rel"), SipTestPeer.Offer);
        var ringing = await _peer.ExpectResponseAsync(180);
        var rseq = uint.Parse(ringing.Headers.Get(SipHeaderNames.RSeq)!, System.Globalization.CultureInfo.InvariantCulture);
        await _peer.SendAsync(Prack("rel-2", ringing.To!.Tag!, (rseq + 1) + " 1 INVITE"));
        await _peer.ExpectResponseAsync(481, "PRACK");

        // One-second steps: timers created inside a callback count from the step's time.
        for (var i = 0; i < 31; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.True(await _peer.StaysQuietAsync(m => m.StatusCode == 500, 0.3));
        for (var i = 0; i < 3; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
        }
        var refused = await _peer.ExpectAsync(m => m.StatusCode == 500 && m.CSeq?.Method == "INVITE");
        Assert.NotNull(refused);
        Assert.Equal("rejected", _ended?.Cause);
    }

    [Fact]
    public async Task Without_100rel_the_180_is_plain()
    {
        await _peer.SendAsync(SipTestPeer.Invite("rel-3"), SipTestPeer.Offer);
        var ringing = await _peer.ExpectResponseAsync(180);
        Assert.Null(ringing.Headers.Get(SipHeaderNames.RSeq));
        Assert.False(ringing.HasOptionTag(SipHeaderNames.Require, "100rel"));
        await _peer.ExpectResponseAsync(200);
    }

    [Theory]
    [InlineData("17 1 INVITE", true)]
    [InlineData("17  1\tINVITE", true)]
    [InlineData("17 1", false)]
    [InlineData("x 1 INVITE", false)]
    [InlineData("17 1 INV;TE", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void RAck_parses_number_cseq_and_method(string? text, bool valid)
    {
        Assert.Equal(valid, SipRAck.TryParse(text, out var rack));
        if (valid)
        {
            Assert.Equal(new SipRAck(17, 1, "INVITE"), rack);
        }
    }
}

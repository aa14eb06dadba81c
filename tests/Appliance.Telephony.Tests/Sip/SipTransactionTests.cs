using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transactions;
using Appliance.Telephony.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Telephony.Tests.Sip;

public sealed class SipTransactionTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingSender _sender = new();
    private readonly RecordingTransactionUser _user = new();
    private readonly SipTransactionLayer _layer;

    public SipTransactionTests()
    {
        _layer = new SipTransactionLayer(_sender, _time) { User = _user };
    }

    private ISipMessageSink Sink => _layer;

    // Small steps: timers re-armed inside a callback are measured from the clock at that moment.
    private void Advance(double ms)
    {
        for (var left = ms; left > 0; left -= 100)
        {
            _time.Advance(TimeSpan.FromMilliseconds(Math.Min(100, left)));
        }
    }

    [Fact]
    public void Invite_gets_100_at_once_and_a_retransmitted_invite_reaches_the_ua_only_once()
    {
        Sink.OnRequest(RecordingSender.Request("INVITE"), RecordingSender.Peer);
        Sink.OnRequest(RecordingSender.Request("INVITE"), RecordingSender.Peer);
        Assert.Single(_user.Requests);
        Assert.Equal(2, _sender.Responses(100).Count);
        _user.Requests[0].Respond(180, "Ringing");
        Sink.OnRequest(RecordingSender.Request("INVITE"), RecordingSender.Peer);
        Assert.Equal(2, _sender.Responses(180).Count);
    }

    [Fact]
    public void A_2xx_is_retransmitted_with_backoff_until_the_ack_arrives()
    {
        Sink.OnRequest(RecordingSender.Request("INVITE"), RecordingSender.Peer);
        var tx = _user.Requests[0];
        tx.Respond(200, "OK");
        Assert.Single(_sender.Responses(200));
        Advance(500);
        Assert.Equal(2, _sender.Responses(200).Count);
        Advance(1000);
        Assert.Equal(3, _sender.Responses(200).Count);
        Advance(1999);
        Assert.Equal(3, _sender.Responses(200).Count);
        Advance(1);
        Assert.Equal(4, _sender.Responses(200).Count);
        // The ACK of a 2xx has its own branch and is matched by Call-ID + CSeq.
        Sink.OnRequest(RecordingSender.Request("ACK", branch: "z9hG4bKack", toTag: tx.LocalTag), RecordingSender.Peer);
        Assert.Single(_user.Acks);
        Advance(60_000);
        Assert.Equal(4, _sender.Responses(200).Count);
        Assert.Empty(_user.AckTimeouts);
        Assert.Equal(tx.LocalTag, _sender.Responses(200)[0].To!.Tag);
    }

    [Fact]
    public void A_2xx_without_ack_is_reported_after_64_T1()
    {
        Sink.OnRequest(RecordingSender.Request("INVITE"), RecordingSender.Peer);
        _user.Requests[0].Respond(200, "OK");
        Advance(31_999);
        Assert.Empty(_user.AckTimeouts);
        Advance(1);
        Assert.Single(_user.AckTimeouts);
        Assert.Equal(0, _layer.Count);
        // T1 doubling capped at T2 = 4 s: sends at 0, .5, 1.5, 3.5, 7.5, 11.5 ... 31.5 s.
        Assert.Equal(11, _sender.Responses(200).Count);
    }

    [Fact]
    public void A_failure_response_is_retransmitted_until_its_ack_which_the_ua_never_sees()
    {
        Sink.OnRequest(RecordingSender.Request("INVITE"), RecordingSender.Peer);
        _user.Requests[0].Respond(486, "Busy Here");
        Advance(500);
        Assert.Equal(2, _sender.Responses(486).Count);
        Sink.OnRequest(RecordingSender.Request("ACK"), RecordingSender.Peer);
        Advance(10_000);
        Assert.Equal(2, _sender.Responses(486).Count);
        Assert.Empty(_user.Acks);
        Assert.Equal(0, _layer.Count);
    }

    [Fact]
    public void Over_tcp_nothing_is_retransmitted()
    {
        Sink.OnRequest(RecordingSender.Request("INVITE"), RecordingSender.TcpPeer);
        _user.Requests[0].Respond(200, "OK");
        Advance(10_000);
        Assert.Single(_sender.Responses(200));
    }

    [Fact]
    public void Cancel_gets_200_and_the_invite_487()
    {
        Sink.OnRequest(RecordingSender.Request("INVITE"), RecordingSender.Peer);
        _user.Requests[0].Respond(180, "Ringing");
        Sink.OnRequest(RecordingSender.Request("CANCEL"), RecordingSender.Peer);
        Assert.Single(_user.Cancels);
        var ok = Assert.Single(_sender.Responses(200));
        Assert.Equal("CANCEL", ok.CSeq!.Value.Method);
        var terminated = Assert.Single(_sender.Responses(487));
        Assert.Equal("INVITE", terminated.CSeq!.Value.Method);
        // A late 200 from the UA is ignored: the INVITE already has its final response.
        _user.Requests[0].Respond(200, "OK");
        Assert.Single(_sender.Responses(200));
    }

    [Fact]
    public void Cancel_for_an_unknown_invite_gets_481()
    {
        Sink.OnRequest(RecordingSender.Request("CANCEL"), RecordingSender.Peer);
        Assert.Single(_sender.Responses(481));
    }

    [Fact]
    public void The_same_request_by_another_path_is_refused_as_merged()
    {
        Sink.OnRequest(RecordingSender.Request("INVITE", branch: "z9hG4bKp1"), RecordingSender.Peer);
        Sink.OnRequest(RecordingSender.Request("INVITE", branch: "z9hG4bKp2"), RecordingSender.Peer);
        Assert.Single(_user.Requests);
        Assert.Single(_sender.Responses(482));
    }

    [Fact]
    public void Non_invite_client_retransmits_per_timer_E_and_times_out_at_timer_F()
    {
        var timedOut = 0;
        var request = RecordingSender.Request("OPTIONS");
        request.Headers.Remove(SipHeaderNames.Via);
        _layer.SendRequest(request, RecordingSender.Peer, (_, _) => { }, _ => timedOut++);
        Assert.Single(_sender.Requests("OPTIONS"));
        Advance(500);
        Advance(1000);
        Advance(2000);
        Assert.Equal(4, _sender.Requests("OPTIONS").Count);
        Advance(4000);
        Assert.Equal(5, _sender.Requests("OPTIONS").Count);
        Assert.Equal(0, timedOut);
        Advance(32_000 - 7500);
        Assert.Equal(1, timedOut);
        Assert.StartsWith(SipVia.MagicCookie, _sender.Sent[0].Message.TopVia!.Branch, StringComparison.Ordinal);
    }

    [Fact]
    public void Invite_client_acks_a_failure_in_the_same_transaction_and_absorbs_retransmissions()
    {
        var responses = new List<int>();
        var request = RecordingSender.Request("INVITE");
        request.Headers.Remove(SipHeaderNames.Via);
        var tx = _layer.SendRequest(request, RecordingSender.Peer, (_, r) => responses.Add(r.StatusCode), _ => { });
        Advance(500);
        Assert.Equal(2, _sender.Requests("INVITE").Count);
        var busy = SipMessage.CreateResponse(_sender.Requests("INVITE")[0], 486, "Busy Here", "remote");
        Sink.OnResponse(busy, RecordingSender.Peer);
        Sink.OnResponse(busy, RecordingSender.Peer);
        Assert.Equal([486], responses);
        var acks = _sender.Requests("ACK");
        Assert.Equal(2, acks.Count);
        Assert.Equal(tx.Request.TopVia!.Branch, acks[0].TopVia!.Branch);
        Assert.Equal("remote", acks[0].To!.Tag);
        Advance(10_000);
        Assert.Equal(2, _sender.Requests("INVITE").Count);
    }

    [Fact]
    public void Invite_client_passes_every_2xx_to_the_ua_for_an_end_to_end_ack()
    {
        var responses = new List<int>();
        var request = RecordingSender.Request("INVITE");
        request.Headers.Remove(SipHeaderNames.Via);
        _layer.SendRequest(request, RecordingSender.Peer, (_, r) => responses.Add(r.StatusCode), _ => { });
        var ok = SipMessage.CreateResponse(_sender.Requests("INVITE")[0], 200, "OK", "remote");
        Sink.OnResponse(ok, RecordingSender.Peer);
        Sink.OnResponse(ok, RecordingSender.Peer);
        Assert.Equal([200, 200], responses);
        Assert.Empty(_sender.Requests("ACK"));
        Advance(40_000);
        Sink.OnResponse(ok, RecordingSender.Peer);
        Assert.Single(_user.Stray);
    }
}

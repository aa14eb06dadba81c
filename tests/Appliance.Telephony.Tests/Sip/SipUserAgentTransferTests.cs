using System.Net;
using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transport;
using Appliance.Telephony.Sip.UserAgent;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Telephony.Tests.Sip;

/// <summary>REFER transfers, the REFER-after-hold ordering, and outgoing calls racing their CANCEL.</summary>
public sealed class SipUserAgentTransferTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private SipUserAgent _ua = null!;
    private SipTestPeer _peer = null!;
    private readonly List<SipCall> _calls = [];

    public Task InitializeAsync()
    {
        _ua = SipUserAgent.Start(SipUserAgentCallTests.Options(), _time);
        _ua.IncomingCall += c =>
        {
            _calls.Add(c);
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

    private async Task<SipCall> EstablishAsync(string callId)
    {
        await _peer.SendAsync(SipTestPeer.Invite(callId), SipTestPeer.Offer);
        var ok = await _peer.ExpectResponseAsync(200);
        await _peer.SendAsync(SipTestPeer.InDialog("ACK", callId, ok.To!.Tag!, 1));
        await SipUserAgentCallTests.WaitUntil(() => _calls.Count > 0 && _calls[^1].State == SipCallState.Established);
        return _calls[^1];
    }

    private Task NotifyAsync(SipMessage refer, string callId, int cseq, string frag, string state) =>
        _peer.SendAsync(SipTestPeer.InDialog("NOTIFY", callId, refer.From!.Tag!, cseq,
            $"\nEvent: refer\nSubscription-State: {state}\nContent-Type: message/sipfrag"), frag);

    [Theory]
    [InlineData("tel:+4930123456")]
    [InlineData("sip:200@127.0.0.1")]
    public async Task Blind_transfer_sends_refer_follows_notify_and_hangs_up(string target)
    {
        var call = await EstablishAsync("xfer-" + target.Length);
        var progress = new List<int>();
        call.TransferProgress += (_, s) => progress.Add(s);
        Assert.True(SipUri.TryParse(target, out var uri));
        var transfer = call.TransferAsync(uri!);
        var refer = await _peer.ExpectRequestAsync("REFER");
        Assert.Equal("<" + target + ">", refer.Headers.Get(SipHeaderNames.ReferTo));
        Assert.NotNull(refer.Headers.Get(SipHeaderNames.ReferredBy));
        await _peer.RespondAsync(refer, 202, "Accepted");
        await NotifyAsync(refer, "xfer-" + target.Length, 2, "SIP/2.0 100 Trying\r\n", "active;expires=60");
        await _peer.ExpectResponseAsync(200, "NOTIFY");
        Assert.False(transfer.IsCompleted);
        await NotifyAsync(refer, "xfer-" + target.Length, 3, "SIP/2.0 200 OK\r\n", "terminated;reason=noresource");
        var bye = await _peer.ExpectRequestAsync("BYE");
        await _peer.RespondAsync(bye, 200, "OK");
        Assert.Equal(200, await transfer.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal([100, 200], progress);
    }

    [Fact]
    public async Task Refer_waits_until_a_pending_hold_reinvite_is_answered()
    {
        var call = await EstablishAsync("xfer-hold");
        var hold = call.HoldAsync();
        var reinvite = await _peer.ExpectRequestAsync("INVITE");
        Assert.True(SipUri.TryParse("sip:200@127.0.0.1", out var target));
        var transfer = call.TransferAsync(target!);
        Assert.True(await _peer.StaysQuietAsync(m => m.Method == "REFER", 0.4));
        await _peer.RespondAsync(reinvite, 200, "OK", SipTestPeer.Offer.Replace("a=sendrecv", "a=recvonly", StringComparison.Ordinal));
        Assert.True(await hold.WaitAsync(TimeSpan.FromSeconds(5)));
        var refer = await _peer.ExpectRequestAsync("REFER");
        await _peer.RespondAsync(refer, 603, "Declined");
        Assert.Equal(603, await transfer.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(SipCallState.Established, call.State);
    }

    [Fact]
    public async Task Attended_transfer_refers_with_replaces_of_the_consultation_dialog()
    {
        var call = await EstablishAsync("xfer-att");
        await using var target = new SipTestPeer(_ua.UdpEndPoint);
        var consult = _ua.Call(new SipUri("sip", "300", "127.0.0.1", target.Port));
        var invite = await target.ExpectRequestAsync("INVITE");
        await target.RespondAsync(invite, 200, "OK", SipTestPeer.Offer);
        await target.ExpectRequestAsync("ACK");
        await SipUserAgentCallTests.WaitUntil(() => consult.State == SipCallState.Established);
        var transfer = call.TransferAsync(consult);
        var refer = await _peer.ExpectRequestAsync("REFER");
        var referTo = refer.Headers.Get(SipHeaderNames.ReferTo)!;
        Assert.Contains("?Replaces=" + Uri.EscapeDataString(invite.CallId!), referTo, StringComparison.Ordinal);
        Assert.Contains("to-tag%3Dalice1", referTo, StringComparison.Ordinal);
        Assert.Contains("from-tag%3D" + invite.From!.Tag, referTo, StringComparison.Ordinal);
        await _peer.RespondAsync(refer, 202, "Accepted");
        await NotifyAsync(refer, "xfer-att", 2, "SIP/2.0 200 OK\r\n", "terminated");
        var bye = await _peer.ExpectRequestAsync("BYE");
        await _peer.RespondAsync(bye, 200, "OK");
        Assert.Equal(200, await transfer.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_200_arriving_after_our_cancel_is_acked_then_ended_with_bye()
    {
        var call = _ua.Call(new SipUri("sip", "300", "127.0.0.1", _peer.Port));
        var invite = await _peer.ExpectRequestAsync("INVITE");
        await _peer.RespondAsync(invite, 180, "Ringing");
        await SipUserAgentCallTests.WaitUntil(() => true);
        var hangup = call.HangupAsync();
        var cancel = await _peer.ExpectRequestAsync("CANCEL");
        Assert.Equal(invite.TopVia!.Branch, cancel.TopVia!.Branch);
        // The callee answered before it saw the CANCEL.
        await _peer.RespondAsync(invite, 200, "OK", SipTestPeer.Offer);
        await _peer.RespondAsync(cancel, 200, "OK");
        var ack = await _peer.ExpectRequestAsync("ACK");
        Assert.Equal("alice1", ack.To!.Tag);
        Assert.NotEqual(invite.TopVia.Branch, ack.TopVia!.Branch);
        Assert.Equal(1u, ack.CSeq!.Value.Number);
        var bye = await _peer.ExpectRequestAsync("BYE");
        await _peer.RespondAsync(bye, 200, "OK");
        await hangup.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("cancelled", call.EndReason!.Cause);
    }

    [Fact]
    public async Task Outgoing_call_ack_goes_to_the_contact_and_not_to_the_first_hop()
    {
        await using var contactPeer = new SipTestPeer(_ua.UdpEndPoint);
        _ua.Call(new SipUri("sip", "300", "127.0.0.1", _peer.Port));
        var invite = await _peer.ExpectRequestAsync("INVITE");
        var ok = SipMessage.CreateResponse(invite, 200, "OK", "alice1");
        ok.Headers.Add(SipHeaderNames.Contact, $"<sip:bob@127.0.0.1:{contactPeer.Port}>");
        ok.Headers.Add(SipHeaderNames.ContentType, "application/sdp");
        ok.Body = System.Text.Encoding.UTF8.GetBytes(SipTestPeer.Offer);
        await _peer.SendAsync(ok);
        var ack = await contactPeer.ExpectRequestAsync("ACK");
        Assert.Equal("bob", ack.RequestUri!.User);
        // A retransmitted 2xx (lost ACK) is ACKed again.
        await _peer.SendAsync(ok);
        await contactPeer.ExpectRequestAsync("ACK");
    }
}

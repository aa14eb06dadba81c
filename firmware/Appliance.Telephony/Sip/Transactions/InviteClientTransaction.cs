using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transport;

namespace Appliance.Telephony.Sip.Transactions;

/// <summary>
/// RFC 3261 §17.1.1 with RFC 6026: Timer A retransmits the INVITE until a response, Timer B times out;
/// a 3xx-6xx is ACKed here (same branch) and absorbed for Timer D; 2xx responses, including
/// retransmissions during Timer M, go to the UA, which ACKs them end-to-end.
/// </summary>
public sealed class InviteClientTransaction : SipClientTransaction
{
    private SipMessage? _ack;

    internal InviteClientTransaction(SipTransactionLayer layer, string key, SipMessage request, SipEndPoint peer,
        Action<SipClientTransaction, SipMessage> onResponse, Action<SipClientTransaction> onTimeout)
        : base(layer, key, request, peer, onResponse, onTimeout)
    {
    }

    internal override void Start()
    {
        Send();
        if (!Peer.IsReliable)
        {
            RetransmitWithBackoff(Timers.T1, TimeSpan.MaxValue, () => !HasProvisional && FinalResponse is null, Send);
        }
        Schedule(Timers.Timeout64, () =>
        {
            if (FinalResponse is null)
            {
                TimeOut();
            }
        });
    }

    internal override void OnResponse(SipMessage response)
    {
        if (response.StatusCode < 200)
        {
            if (FinalResponse is null)
            {
                HasProvisional = true;
                Deliver(response);
            }
            return;
        }
        if (response.StatusCode < 300)
        {
            // Accepted (RFC 6026): every 2xx, first or retransmitted, is the UA's to ACK.
            var first = FinalResponse is null;
            FinalResponse ??= response;
            HasProvisional = true;
            Deliver(response);
            if (first)
            {
                Schedule(Timers.Timeout64, Terminate);
            }
            return;
        }
        if (_ack is not null)
        {
            _ = Layer.Sender.SendAsync(_ack, Peer);
            return;
        }
        if (FinalResponse is not null)
        {
            return;
        }
        FinalResponse = response;
        HasProvisional = true;
        _ack = CreateNon2xxAck(response);
        _ = Layer.Sender.SendAsync(_ack, Peer);
        Deliver(response);
        Schedule(Peer.IsReliable ? TimeSpan.Zero : Timers.TimerD, Terminate);
    }

    /// <summary>RFC 3261 §17.1.1.3: ACK in the same transaction, To tag from the response.</summary>
    private SipMessage CreateNon2xxAck(SipMessage response)
    {
        var ack = SipMessage.CreateRequest("ACK", Request.RequestUri!);
        ack.Headers.Add(SipHeaderNames.Via, Request.Headers.GetValues(SipHeaderNames.Via)[0]);
        foreach (var route in Request.Headers.GetValues(SipHeaderNames.Route))
        {
            ack.Headers.Add(SipHeaderNames.Route, route);
        }
        ack.Headers.Add(SipHeaderNames.From, Request.Headers.Get(SipHeaderNames.From)!);
        ack.Headers.Add(SipHeaderNames.To, response.Headers.Get(SipHeaderNames.To)!);
        ack.Headers.Add(SipHeaderNames.CallId, Request.CallId!);
        ack.Headers.Add(SipHeaderNames.CSeq, new SipCSeq(Request.CSeq!.Value.Number, "ACK").ToString());
        ack.Headers.Add(SipHeaderNames.MaxForwards, "70");
        return ack;
    }
}

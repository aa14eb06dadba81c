using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transport;

namespace Appliance.Telephony.Sip.Transactions;

/// <summary>
/// RFC 3261 §17.2.1 with RFC 6026's Accepted state: a 2xx is retransmitted (T1 doubling to T2) until
/// the ACK arrives or 64·T1 passes; a 3xx-6xx is retransmitted (Timer G) until its ACK (Timer H).
/// </summary>
public sealed class InviteServerTransaction : SipServerTransaction
{
    private bool _acked;

    internal InviteServerTransaction(SipTransactionLayer layer, string key, SipMessage request, SipEndPoint peer)
        : base(layer, key, request, peer)
    {
    }

    /// <summary>True after CANCEL matched this INVITE before a final response.</summary>
    public bool IsCancelled { get; internal set; }

    /// <summary>True while a 2xx waits for its ACK.</summary>
    internal bool IsAccepted => LastResponse is { StatusCode: >= 200 and < 300 } && !_acked && !IsTerminated;

    internal override void OnRetransmittedRequest(SipMessage request)
    {
        if (request.Method == "ACK")
        {
            OnNon2xxAck();
        }
        else if (LastResponse is not null)
        {
            Send(LastResponse);
        }
    }

    private protected override void OnResponded(SipMessage response)
    {
        if (response.StatusCode < 200)
        {
            return;
        }
        if (response.StatusCode < 300)
        {
            if (!Peer.IsReliable)
            {
                RetransmitWithBackoff(Timers.T1, Timers.T2, () => !_acked, () => Send(response));
            }
            // Timer L: no ACK within 64·T1 means the dialog must be torn down by the UA.
            Schedule(Timers.Timeout64, () =>
            {
                if (!_acked)
                {
                    Layer.User?.OnAckTimeout(this);
                }
                Terminate();
            });
            return;
        }
        if (!Peer.IsReliable)
        {
            RetransmitWithBackoff(Timers.T1, Timers.T2, () => !_acked, () => Send(response));
        }
        Schedule(Timers.Timeout64, Terminate);
    }

    /// <summary>The end-to-end ACK of our 2xx arrived (matched by dialog, not by branch).</summary>
    internal void On2xxAck()
    {
        _acked = true;
        Terminate();
    }

    private void OnNon2xxAck()
    {
        if (_acked || FinalStatus < 300)
        {
            return;
        }
        _acked = true;
        // Timer I absorbs further ACK retransmissions over UDP.
        if (Peer.IsReliable)
        {
            Terminate();
        }
        else
        {
            Schedule(Timers.T4, Terminate);
        }
    }
}

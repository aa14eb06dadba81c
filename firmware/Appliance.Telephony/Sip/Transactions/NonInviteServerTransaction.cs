using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transport;

namespace Appliance.Telephony.Sip.Transactions;

/// <summary>RFC 3261 §17.2.2: Trying → Proceeding → Completed (Timer J) → Terminated.</summary>
public sealed class NonInviteServerTransaction : SipServerTransaction
{
    internal NonInviteServerTransaction(SipTransactionLayer layer, string key, SipMessage request, SipEndPoint peer)
        : base(layer, key, request, peer)
    {
    }

    internal override void OnRetransmittedRequest(SipMessage request)
    {
        if (LastResponse is not null)
        {
            Send(LastResponse);
        }
    }

    private protected override void OnResponded(SipMessage response)
    {
        if (response.StatusCode >= 200)
        {
            // Timer J keeps the final response for retransmitted requests over UDP.
            if (Peer.IsReliable)
            {
                Terminate();
            }
            else
            {
                Schedule(Timers.Timeout64, Terminate);
            }
        }
    }
}

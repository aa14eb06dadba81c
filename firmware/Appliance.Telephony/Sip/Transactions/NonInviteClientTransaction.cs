using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transport;

namespace Appliance.Telephony.Sip.Transactions;

/// <summary>RFC 3261 §17.1.2: Timer E retransmits (T1 doubling to T2), Timer F times out, Timer K lingers.</summary>
public sealed class NonInviteClientTransaction : SipClientTransaction
{
    internal NonInviteClientTransaction(SipTransactionLayer layer, string key, SipMessage request, SipEndPoint peer,
        Action<SipClientTransaction, SipMessage> onResponse, Action<SipClientTransaction> onTimeout)
        : base(layer, key, request, peer, onResponse, onTimeout)
    {
    }

    internal override void Start()
    {
        Send();
        if (!Peer.IsReliable)
        {
            // Once provisional, Timer E fires at T2 (RFC 3261 §17.1.2.2); the cap gives the same result.
            RetransmitWithBackoff(Timers.T1, Timers.T2, () => FinalResponse is null, Send);
        }
        Schedule(Timers.Timeout64, TimeOut);
    }

    internal override void OnResponse(SipMessage response)
    {
        if (FinalResponse is not null)
        {
            return;
        }
        if (response.StatusCode < 200)
        {
            HasProvisional = true;
            Deliver(response);
            return;
        }
        FinalResponse = response;
        Deliver(response);
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

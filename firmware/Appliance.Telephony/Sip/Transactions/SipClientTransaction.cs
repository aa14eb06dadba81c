using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transport;

namespace Appliance.Telephony.Sip.Transactions;

/// <summary>A client transaction (RFC 3261 §17.1); responses and the timeout go to the callbacks given at creation.</summary>
public abstract class SipClientTransaction : SipTransaction
{
    private readonly Action<SipClientTransaction, SipMessage> _onResponse;
    private readonly Action<SipClientTransaction> _onTimeout;

    private protected SipClientTransaction(SipTransactionLayer layer, string key, SipMessage request, SipEndPoint peer,
        Action<SipClientTransaction, SipMessage> onResponse, Action<SipClientTransaction> onTimeout)
        : base(layer, key, request, peer)
    {
        _onResponse = onResponse;
        _onTimeout = onTimeout;
    }

    public SipMessage? FinalResponse { get; private protected set; }

    /// <summary>True once any response (even 100) arrived; CANCEL may only be sent after that (RFC 3261 §9.1).</summary>
    public bool HasProvisional { get; private protected set; }

    internal abstract void Start();

    internal abstract void OnResponse(SipMessage response);

    private protected void Send() => _ = Layer.Sender.SendAsync(Request, Peer);

    private protected void Deliver(SipMessage response) => _onResponse(this, response);

    private protected void TimeOut()
    {
        Terminate();
        _onTimeout(this);
    }
}

using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transport;

namespace Appliance.Telephony.Sip.Transactions;

/// <summary>
/// A server transaction (RFC 3261 §17.2). The transaction user answers with <see cref="Respond"/>;
/// retransmitted requests are absorbed here by re-sending the last response.
/// </summary>
public abstract class SipServerTransaction : SipTransaction
{
    private protected SipServerTransaction(SipTransactionLayer layer, string key, SipMessage request, SipEndPoint peer)
        : base(layer, key, request, peer)
    {
    }

    /// <summary>The To tag used in every non-100 response of this transaction.</summary>
    public string LocalTag { get; } = SipTransportLayer.NewToken();

    public SipMessage? LastResponse { get; private protected set; }

    public int FinalStatus => LastResponse is { StatusCode: >= 200 } r ? r.StatusCode : 0;

    /// <summary>Builds a response to this request carrying <see cref="LocalTag"/>.</summary>
    public SipMessage CreateResponse(int statusCode, string reason) =>
        SipMessage.CreateResponse(Request, statusCode, reason, LocalTag);

    /// <summary>Sends a response; ignored once a final response was sent.</summary>
    public void Respond(SipMessage response) => Layer.RunLocked(() =>
    {
        if (FinalStatus == 0 && !IsTerminated)
        {
            LastResponse = response;
            Send(response);
            OnResponded(response);
        }
    });

    public void Respond(int statusCode, string reason) => Respond(CreateResponse(statusCode, reason));

    internal abstract void OnRetransmittedRequest(SipMessage request);

    private protected abstract void OnResponded(SipMessage response);

    private protected void Send(SipMessage response) => _ = Layer.Sender.SendResponseAsync(response);
}

using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transport;

namespace Appliance.Telephony.Sip.Transactions;

/// <summary>The transaction user (the UA core). Every call runs under the layer's gate and must not block.</summary>
public interface ISipTransactionUser
{
    /// <summary>A new request (never ACK or CANCEL) with its server transaction.</summary>
    void OnRequest(SipServerTransaction transaction);

    /// <summary>An ACK outside any transaction: the end-to-end ACK of a 2xx (may carry the SDP answer).</summary>
    void OnAck(SipMessage ack, SipEndPoint source);

    /// <summary>CANCEL matched a pending INVITE; the layer already answered the CANCEL with 200.</summary>
    void OnCancel(InviteServerTransaction invite);

    /// <summary>Our 2xx got no ACK within 64·T1: the UA should end the dialog with BYE.</summary>
    void OnAckTimeout(InviteServerTransaction invite);

    /// <summary>A 2xx matching no transaction (retransmitted after it ended): re-ACK it if it is ours.</summary>
    void OnStrayResponse(SipMessage response, SipEndPoint source);
}

using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transactions;
using Appliance.Telephony.Sip.Transport;

namespace Appliance.Telephony.Tests.Sip;

internal sealed class RecordingTransactionUser : ISipTransactionUser
{
    public List<SipServerTransaction> Requests { get; } = [];
    public List<SipMessage> Acks { get; } = [];
    public List<InviteServerTransaction> Cancels { get; } = [];
    public List<InviteServerTransaction> AckTimeouts { get; } = [];
    public List<SipMessage> Stray { get; } = [];

    public void OnRequest(SipServerTransaction transaction) => Requests.Add(transaction);
    public void OnAck(SipMessage ack, SipEndPoint source) => Acks.Add(ack);
    public void OnCancel(InviteServerTransaction invite) => Cancels.Add(invite);
    public void OnAckTimeout(InviteServerTransaction invite) => AckTimeouts.Add(invite);
    public void OnStrayResponse(SipMessage response, SipEndPoint source) => Stray.Add(response);
}

using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transport;

namespace Appliance.Telephony.Sip.Transactions;

/// <summary>What the transaction layer needs from the transport; lets tests record traffic without sockets.</summary>
public interface ISipSender
{
    SipVia CreateVia(SipTransportKind kind, string branch);

    ValueTask SendAsync(SipMessage message, SipEndPoint destination);

    ValueTask SendResponseAsync(SipMessage response);
}

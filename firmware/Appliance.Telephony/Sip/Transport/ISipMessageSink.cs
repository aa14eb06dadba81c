namespace Appliance.Telephony.Sip.Transport;

/// <summary>Receives parsed, valid messages from the transport layer (the transaction layer implements it).</summary>
public interface ISipMessageSink
{
    void OnRequest(Messages.SipMessage request, SipEndPoint source);

    void OnResponse(Messages.SipMessage response, SipEndPoint source);
}

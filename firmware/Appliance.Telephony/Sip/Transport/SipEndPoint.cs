using System.Net;

namespace Appliance.Telephony.Sip.Transport;

public enum SipTransportKind
{
    Udp,
    Tcp,
}

/// <summary>A remote (or local) SIP address together with the transport it is reached over.</summary>
public readonly record struct SipEndPoint(SipTransportKind Transport, IPEndPoint Address)
{
    public bool IsReliable => Transport != SipTransportKind.Udp;

    /// <summary>The Via transport token.</summary>
    public string ViaTransport => Transport == SipTransportKind.Udp ? "UDP" : "TCP";

    public override string ToString() => $"{ViaTransport}:{Address}";
}

using System.Net;

namespace Appliance.Telephony.Sip.Transport;

/// <summary>One socket-level transport (UDP or TCP) carrying whole SIP messages as bytes.</summary>
internal interface ISipChannel : IAsyncDisposable
{
    SipTransportKind Kind { get; }

    IPEndPoint LocalEndPoint { get; }

    /// <summary>Sends without blocking the caller; failures are reported through the returned task only.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> data, IPEndPoint remote);

    /// <summary>Starts receiving; each framed message is handed to <paramref name="onMessage"/>.</summary>
    void Start(Action<ReadOnlyMemory<byte>, IPEndPoint> onMessage);
}

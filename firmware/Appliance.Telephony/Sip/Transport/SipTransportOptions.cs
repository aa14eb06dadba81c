using System.Net;

namespace Appliance.Telephony.Sip.Transport;

/// <summary>Where the SIP transports listen and what address they advertise in Via and Contact.</summary>
public sealed record SipTransportOptions
{
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>UDP port; 0 picks a free one (tests). TCP listens on the same port number.</summary>
    public int Port { get; init; } = 5060;

    public bool EnableTcp { get; init; } = true;

    /// <summary>Address written into Via/Contact when the bind address is a wildcard or behind NAT.</summary>
    public IPAddress? AdvertisedAddress { get; init; }

    /// <summary>Requests per second allowed from one source address, with a burst allowance.</summary>
    public double RequestsPerSecondPerSource { get; init; } = 50;

    public int RequestBurstPerSource { get; init; } = 100;

    /// <summary>When set, every message sent and received (past the rate limiter) is kept here, redacted.</summary>
    public SipTrace? Trace { get; init; }
}

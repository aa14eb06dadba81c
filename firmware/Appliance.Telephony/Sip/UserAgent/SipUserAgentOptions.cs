using System.Net;
using Appliance.Telephony.Sip.Registration;
using Appliance.Telephony.Sip.Transactions;
using Appliance.Telephony.Sip.Transport;

namespace Appliance.Telephony.Sip.UserAgent;

/// <summary>Everything the SIP user agent needs, as plain values (the service maps its configuration onto this).</summary>
public sealed record SipUserAgentOptions
{
    public SipTransportOptions Transport { get; init; } = new();

    public IReadOnlyList<SipRegistrationOptions> Registrations { get; init; } = [];

    /// <summary>
    /// Addresses allowed to send INVITEs (PBX, trunk). Empty means anyone may call — the embedded
    /// default on 127.0.0.1. Registrar addresses are always trusted.
    /// </summary>
    public IReadOnlyList<IPAddress> TrustedPeers { get; init; } = [];

    public string UserAgent { get; init; } = "Appliance/0.1";

    /// <summary>Local RTP port range (even ports are used for RTP, the next for RTCP).</summary>
    public int RtpPortMin { get; init; } = 20_000;

    public int RtpPortMax { get; init; } = 20_999;

    /// <summary>RFC 4028 session interval we ask for; the call is refreshed at half of it.</summary>
    public int SessionExpiresSeconds { get; init; } = 1800;

    public SipTimerSettings Timers { get; init; } = SipTimerSettings.Default;
}

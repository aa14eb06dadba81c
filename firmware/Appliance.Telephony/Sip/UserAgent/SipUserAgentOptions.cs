using System.Net;
using Appliance.Telephony.Sip.Auth;
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
    /// Addresses allowed to send INVITEs without authentication (PBX, trunk). Empty, with no
    /// <see cref="InboundCredentials"/>, means anyone may call. Registrar addresses are always trusted.
    /// </summary>
    public IReadOnlyList<IPAddress> TrustedPeers { get; init; } = [];

    /// <summary>
    /// Users who may call from addresses not in <see cref="TrustedPeers"/>: such INVITEs get a 401
    /// digest challenge and are taken when the retry carries one of these users' credentials.
    /// </summary>
    public IReadOnlyList<SipInboundCredential> InboundCredentials { get; init; } = [];

    /// <summary>Digest algorithms offered in challenges, in order (RFC 8760: SHA-256 before MD5).</summary>
    public IReadOnlyList<string> InboundDigestAlgorithms { get; init; } = ["SHA-256", "MD5"];

    public string UserAgent { get; init; } = "Appliance/0.1";

    /// <summary>Local RTP port range (even ports are used for RTP, the next for RTCP).</summary>
    public int RtpPortMin { get; init; } = 20_000;

    public int RtpPortMax { get; init; } = 20_999;

    /// <summary>RFC 4028 session interval we ask for; the call is refreshed at half of it.</summary>
    public int SessionExpiresSeconds { get; init; } = 1800;

    public SipTimerSettings Timers { get; init; } = SipTimerSettings.Default;
}

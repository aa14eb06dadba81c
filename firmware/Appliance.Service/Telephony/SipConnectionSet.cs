using System.Net;
using Appliance.Configuration.Model;
using Appliance.Telephony.Sip.Auth;
using Appliance.Telephony.Sip.Registration;
using Appliance.Telephony.Sip.Transport;

namespace Appliance.Service.Telephony;

/// <summary>
/// What the enabled sip_registration and sip_trunk connections mean to the SIP stack: registrations
/// (each with the connection it came from, for the status page), trusted source addresses (trunk
/// allowed_addresses plus loopback, so a softphone on the box itself always gets through), and the
/// users who may call from elsewhere by answering a digest challenge (each connection's username and
/// password in its realm, "appliance" when none is set).
/// </summary>
internal sealed record SipConnectionSet(
    IReadOnlyList<SipRegistrationOptions> Registrations,
    IReadOnlyList<Connection> RegistrationOwners,
    IReadOnlyList<IPAddress> TrustedPeers,
    IReadOnlyList<SipInboundCredential> InboundCredentials)
{
    public const string DefaultRealm = "appliance";

    public static SipConnectionSet From(IEnumerable<Connection> connections)
    {
        var registrations = new List<SipRegistrationOptions>();
        var owners = new List<Connection>();
        var trusted = new List<IPAddress> { IPAddress.Loopback, IPAddress.IPv6Loopback };
        var credentials = new List<SipInboundCredential>();
        foreach (var c in connections)
        {
            if (!c.Enabled || c.Type is not (ConnectionTypes.SipRegistration or ConnectionTypes.SipTrunk))
            {
                continue;
            }
            if (c.Type == ConnectionTypes.SipRegistration && c.Host is not null && c.Username is not null)
            {
                registrations.Add(new SipRegistrationOptions
                {
                    RegistrarHost = c.Host,
                    RegistrarPort = c.Port ?? 5060,
                    Transport = c.Transport == "tcp" ? SipTransportKind.Tcp : SipTransportKind.Udp,
                    User = c.Username,
                    Domain = c.Realm,
                    AuthUser = c.AuthUsername,
                    Password = c.Password,
                    ExpiresSeconds = c.RegisterExpiresSec,
                });
                owners.Add(c);
            }
            if (c.Type == ConnectionTypes.SipTrunk)
            {
                foreach (var allowed in c.AllowedAddresses)
                {
                    if (IPAddress.TryParse(allowed, out var ip))
                    {
                        trusted.Add(ip);
                    }
                }
            }
            if ((c.AuthUsername ?? c.Username) is { Length: > 0 } user && c.Password is { Length: > 0 } password)
            {
                credentials.Add(new SipInboundCredential(c.Realm ?? DefaultRealm, user, password));
            }
        }
        return new SipConnectionSet(registrations, owners, trusted, credentials);
    }
}

using System.Net;
using Appliance.Configuration.Model;

namespace Appliance.Configuration.Validation;

/// <summary>Per-type rules: what a PBX registration, a trunk, a cloud provider or a mail server needs.</summary>
public static class ConnectionValidator
{
    public static ValidationErrors Validate(Connection c)
    {
        var e = new ValidationErrors();
        Check.Length(e, "name", c.Name, 1, 100);
        Check.Length(e, "description", c.Description, 0, 2000);
        Check.OneOf(e, "type", c.Type, ConnectionTypes.All);
        Check.Range(e, "priority", c.Priority, 0, 1000);
        Check.Range(e, "port", c.Port, 1, 65535);
        Check.OneOf(e, "transport", c.Transport, SipTransports.All, nullable: true);
        Check.Range(e, "register_expires_sec", c.RegisterExpiresSec, 60, 86400);
        Check.Range(e, "timeout_ms", c.TimeoutMs, 100, 120000);
        Check.HttpUrl(e, "base_url", c.BaseUrl);
        Check.Length(e, "host", c.Host, 1, 255);
        for (var i = 0; i < c.AllowedAddresses.Count; i++)
        {
            if (!IsAddressOrNetwork(c.AllowedAddresses[i]))
            {
                e.Add($"allowed_addresses[{i}]", "must be an IP address or a CIDR network such as 192.0.2.0/24");
            }
        }
        switch (c.Type)
        {
            case ConnectionTypes.SipRegistration:
                Required(e, "host", c.Host);
                Required(e, "username", c.Username);
                Required(e, "password", c.Password);
                break;
            case ConnectionTypes.SipTrunk:
                if (c.Host is null && c.AllowedAddresses.Count == 0)
                {
                    e.Add("host", "a SIP trunk needs a host or allowed_addresses");
                }
                break;
            case ConnectionTypes.OpenAiCompatible:
                Required(e, "base_url", c.BaseUrl);
                break;
            case ConnectionTypes.Smtp:
                Required(e, "host", c.Host);
                if (!Formats.IsEmail(c.FromAddress))
                {
                    e.Add("from_address", "must be an e-mail address");
                }
                break;
        }
        return e;
    }

    private static void Required(ValidationErrors e, string field, string? value)
    {
        if (string.IsNullOrEmpty(value) && !e.Contains(field))
        {
            e.Add(field, "is required for this connection type");
        }
    }

    private static bool IsAddressOrNetwork(string value) => IPAddress.TryParse(value, out _) || IPNetwork.TryParse(value, out _);
}

using System.Text;
using Appliance.Telephony.Sip.Transport;

namespace Appliance.Telephony.Sip.Registration;

/// <summary>One account the box registers as an extension. <see cref="Password"/> is a secret: never logged or printed.</summary>
public sealed record SipRegistrationOptions
{
    public required string RegistrarHost { get; init; }

    public int RegistrarPort { get; init; } = 5060;

    public SipTransportKind Transport { get; init; } = SipTransportKind.Udp;

    /// <summary>The extension (user part of the address of record).</summary>
    public required string User { get; init; }

    /// <summary>Domain of the address of record; the registrar host when null.</summary>
    public string? Domain { get; init; }

    /// <summary>Digest user name when it differs from <see cref="User"/>.</summary>
    public string? AuthUser { get; init; }

    public string? Password { get; init; }

    public int ExpiresSeconds { get; init; } = 300;

    /// <summary>Wait before trying again after a failed registration.</summary>
    public TimeSpan RetryAfterFailure { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>OPTIONS keep-alive towards the registrar (NAT bindings, liveness); zero disables it.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    // Records print every property; this keeps the secret out of logs and exception messages.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("RegistrarHost = ").Append(RegistrarHost).Append(", RegistrarPort = ").Append(RegistrarPort)
            .Append(", Transport = ").Append(Transport).Append(", User = ").Append(User)
            .Append(", AuthUser = ").Append(AuthUser).Append(", Password = ").Append(Password is null ? "(none)" : "***")
            .Append(", ExpiresSeconds = ").Append(ExpiresSeconds);
        return true;
    }
}

using System.Text;

namespace Appliance.Conversation.Providers.Email;

/// <summary>An smtp connection as the mailer takes it; the password is a secret, never printed.</summary>
public sealed record SmtpServer
{
    public required string Host { get; init; }
    /// <summary>Null: 465 for "tls", else 587.</summary>
    public int? Port { get; init; }
    /// <summary>"tls": TLS on connect; otherwise STARTTLS when the server offers it.</summary>
    public string? Transport { get; init; }
    public string? Username { get; init; }
    public string? Password { get; init; }
    public required string FromAddress { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Host = ").Append(Host).Append(", Port = ").Append(Port).Append(", Transport = ").Append(Transport)
            .Append(", Username = ").Append(Username).Append(", Password = ").Append(string.IsNullOrEmpty(Password) ? "(none)" : "(set)")
            .Append(", FromAddress = ").Append(FromAddress);
        return true;
    }
}

using System.Text;

namespace Appliance.Conversation.Providers.Webhook;

/// <summary>
/// An agent's webhook (voiceMode "webhook" or a webhook tool). The secret is write-only: it signs
/// requests and is never printed, logged or sent.
/// </summary>
public sealed record WebhookEndpoint
{
    public required string Name { get; init; }
    public required Uri Url { get; init; }
    public string? Secret { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Extra request headers (extensions.webhooks[].headers); values are secrets, never printed.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Name = ").Append(Name).Append(", Url = ").Append(Url).Append(", Timeout = ").Append(Timeout)
            .Append(", Secret = ").Append(string.IsNullOrEmpty(Secret) ? "(none)" : "(set)")
            .Append(", Headers = ").Append(Headers is { Count: > 0 } ? "(set)" : "(none)");
        return true;
    }

    /// <summary>Only absolute http(s) URLs are called.</summary>
    public void Validate()
    {
        if (!Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Webhook '{Name}' must be an absolute http(s) URL.");
        }
    }
}

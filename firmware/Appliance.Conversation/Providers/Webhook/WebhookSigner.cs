using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Appliance.Conversation.Providers.Webhook;

/// <summary>
/// Signs webhook bodies: header <c>X-Appliance-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;</c>
/// over "&lt;t&gt;.&lt;body&gt;" with the webhook's secret. The timestamp lets the receiver reject replays.
/// </summary>
public static class WebhookSigner
{
    public const string HeaderName = "X-Appliance-Signature";

    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var prefix = Encoding.ASCII.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return string.Create(CultureInfo.InvariantCulture, $"t={unixSeconds},v1={Convert.ToHexStringLower(mac)}");
    }

    /// <summary>Adds the webhook's own headers, and the signature header when it has a secret.</summary>
    internal static void Apply(HttpRequestMessage request, WebhookEndpoint webhook, byte[] body, TimeProvider time)
    {
        if (webhook.Headers is not null)
        {
            foreach (var (name, value) in webhook.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        if (!string.IsNullOrEmpty(webhook.Secret))
        {
            request.Headers.TryAddWithoutValidation(HeaderName, Sign(webhook.Secret, time.GetUtcNow().ToUnixTimeSeconds(), body));
        }
    }
}

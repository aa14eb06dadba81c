using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Appliance.Conversation.Providers.Webhook;

/// <summary>
/// Reads a webhook's reply in whichever form it comes: one JSON object, server-sent events or
/// NDJSON lines each carrying {"text"} (or plain text after "data:"), or plain text streamed as it
/// arrives. At most <see cref="MaxReplyChars"/> characters are taken: a runaway webhook cannot
/// make the agent talk forever.
/// </summary>
internal static class WebhookReplyReader
{
    public const int MaxReplyChars = 16_000;

    public static async IAsyncEnumerable<string> ReadAsync(
        HttpContent content, string webhookName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var mediaType = content.Headers.ContentType?.MediaType ?? "text/plain";
        using var reader = new StreamReader(await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), Encoding.UTF8);
        var budget = MaxReplyChars;
        if (mediaType is "text/plain")
        {
            var buffer = new char[512];
            int read;
            while (budget > 0 && (read = await reader.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, budget)), cancellationToken).ConfigureAwait(false)) > 0)
            {
                budget -= read;
                yield return new string(buffer, 0, read);
            }

            yield break;
        }

        var eventStream = mediaType is "text/event-stream";
        if (!eventStream && mediaType is not ("application/x-ndjson" or "application/jsonl" or "application/json"))
        {
            throw new ProviderException($"Webhook '{webhookName}' answered with unsupported content type {mediaType}.");
        }

        // One JSON object is the one-line case of NDJSON, as long as it has no line breaks inside;
        // a pretty-printed body is read whole.
        if (mediaType is "application/json")
        {
            var whole = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            var text = Parse(whole, webhookName);
            yield return text.Length > budget ? text[..budget] : text;
            yield break;
        }

        while (budget > 0 && await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (eventStream)
            {
                if (!line.StartsWith("data:", StringComparison.Ordinal))
                {
                    continue;
                }

                line = line[5..].TrimStart();
                if (line == "[DONE]")
                {
                    yield break;
                }
            }

            if (line.Length == 0)
            {
                continue;
            }

            var text = line[0] == '{' ? Parse(line, webhookName) : line;
            text = text.Length > budget ? text[..budget] : text;
            budget -= text.Length;
            yield return text;
        }
    }

    private static string Parse(string json, string webhookName)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ProviderJsonContext.Default.WebhookReply)?.Text ?? string.Empty;
        }
        catch (JsonException e)
        {
            throw new ProviderException($"Webhook '{webhookName}' sent malformed JSON.", e);
        }
    }
}

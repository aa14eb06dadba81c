using System.Text;

namespace Appliance.Conversation.Providers;

/// <summary>
/// One configured endpoint of a stage (STT, LLM or TTS). Plain options: the call session maps the
/// configuration store's model onto these, so the providers do not depend on the store.
/// </summary>
/// <remarks>The API key is a secret: it is left out of <see cref="ToString"/> and of every report.</remarks>
public sealed record ProviderEndpoint
{
    /// <summary>Name used in call records and logs, e.g. "lan-whisper" or "openai-primary".</summary>
    public required string Name { get; init; }
    public required ProviderKind Kind { get; init; }
    /// <summary>Base address, e.g. https://api.openai.com/v1/ (OpenAI paths are appended to it).</summary>
    public Uri? BaseUrl { get; init; }
    public string? ApiKey { get; init; }
    public string? Model { get; init; }
    /// <summary>Model used when the STT mode is "accurate"; <see cref="Model"/> when absent.</summary>
    public string? AccurateModel { get; init; }
    public string? Voice { get; init; }
    /// <summary>Time allowed until the first result (transcript, token, audio byte) of an attempt.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    // Records print every property by default; this one must never print the key.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Name = ").Append(Name)
            .Append(", Kind = ").Append(Kind)
            .Append(", BaseUrl = ").Append(BaseUrl)
            .Append(", Model = ").Append(Model)
            .Append(", Voice = ").Append(Voice)
            .Append(", Timeout = ").Append(Timeout)
            .Append(", ApiKey = ").Append(string.IsNullOrEmpty(ApiKey) ? "(none)" : "(set)");
        return true;
    }

    /// <summary>Resolves a relative path (no leading slash) against <see cref="BaseUrl"/>, or the vendor's default.</summary>
    internal Uri Resolve(string relativePath, Uri? vendorDefault = null)
    {
        var baseUrl = BaseUrl ?? vendorDefault ?? throw new InvalidOperationException($"Endpoint '{Name}' has no base URL.");
        var text = baseUrl.AbsoluteUri;
        return new Uri(text.EndsWith('/') ? text + relativePath : text + "/" + relativePath);
    }
}

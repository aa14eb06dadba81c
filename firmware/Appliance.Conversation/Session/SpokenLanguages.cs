namespace Appliance.Conversation.Session;

/// <summary>
/// Matches a language an STT reports against the agent's languages. Deepgram reports codes ("es"),
/// Whisper's verbose_json English names ("spanish"); the box runs with invariant globalization, so
/// CultureInfo cannot name languages and the names Whisper uses are listed here.
/// </summary>
public static class SpokenLanguages
{
    private static readonly Dictionary<string, string> WhisperNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["english"] = "en", ["spanish"] = "es", ["french"] = "fr", ["german"] = "de", ["italian"] = "it",
        ["portuguese"] = "pt", ["dutch"] = "nl", ["polish"] = "pl", ["russian"] = "ru", ["ukrainian"] = "uk",
        ["turkish"] = "tr", ["arabic"] = "ar", ["hebrew"] = "he", ["hindi"] = "hi", ["chinese"] = "zh",
        ["japanese"] = "ja", ["korean"] = "ko", ["swedish"] = "sv", ["danish"] = "da", ["norwegian"] = "no",
        ["finnish"] = "fi", ["greek"] = "el", ["czech"] = "cs", ["romanian"] = "ro", ["hungarian"] = "hu",
        ["vietnamese"] = "vi", ["thai"] = "th", ["indonesian"] = "id", ["catalan"] = "ca", ["tagalog"] = "tl",
    };

    /// <summary>
    /// The entry of <paramref name="allowed"/> that <paramref name="reported"/> names (same tag, same
    /// primary language, or Whisper's name for it), or null when it names none of them.
    /// </summary>
    public static string? Match(string? reported, IReadOnlyList<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        if (string.IsNullOrWhiteSpace(reported))
        {
            return null;
        }
        var code = WhisperNames.TryGetValue(reported.Trim(), out var named) ? named : reported.Trim();
        foreach (var language in allowed)
        {
            if (string.Equals(language, code, StringComparison.OrdinalIgnoreCase))
            {
                return language;
            }
        }
        var primary = Primary(code);
        foreach (var language in allowed)
        {
            if (primary.Equals(Primary(language), StringComparison.OrdinalIgnoreCase))
            {
                return language;
            }
        }
        return null;
    }

    private static ReadOnlySpan<char> Primary(string tag)
    {
        var dash = tag.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? tag : tag.AsSpan(0, dash);
    }
}

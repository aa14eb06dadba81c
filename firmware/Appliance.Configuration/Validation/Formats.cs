using System.Text.RegularExpressions;
using TimeZoneConverter;

namespace Appliance.Configuration.Validation;

/// <summary>Syntax checks for the identifiers the seeds use.</summary>
public static partial class Formats
{
    // ISO 639-1: every two-letter language code.
    private static readonly HashSet<string> Iso6391 = new(
        ("aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el " +
         "en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu " +
         "ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na " +
         "nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so " +
         "sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu")
        .Split(' '), StringComparer.Ordinal);

    private static readonly HashSet<string> IanaZones = new(TZConvert.KnownIanaTimeZoneNames, StringComparer.Ordinal);

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$")]
    private static partial Regex E164Regex();

    [GeneratedRegex(@"^[a-z0-9-]+$")]
    private static partial Regex AgentNameRegex();

    // language[-Script][-REGION] with REGION two letters or three digits (a BCP-47 subset that covers
    // every locale a speech engine accepts).
    [GeneratedRegex(@"^(?<lang>[a-z]{2})(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")]
    private static partial Regex Bcp47Regex();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailRegex();

    public static bool IsE164(string? value) => value is not null && E164Regex().IsMatch(value);

    public static bool IsAgentName(string? value) => value is { Length: > 0 and <= 100 } && AgentNameRegex().IsMatch(value);

    public static bool IsIso6391(string? value) => value is not null && Iso6391.Contains(value);

    public static bool IsBcp47(string? value)
    {
        if (value is null)
        {
            return false;
        }
        var match = Bcp47Regex().Match(value);
        return match.Success && Iso6391.Contains(match.Groups["lang"].Value);
    }

    /// <summary>The ISO 639-1 language of a BCP-47 tag ("es-US" → "es").</summary>
    public static string LanguageOf(string bcp47)
    {
        var dash = bcp47.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? bcp47 : bcp47[..dash];
    }

    public static bool IsIanaTimeZone(string? value) => value is not null && IanaZones.Contains(value);

    public static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public static bool IsEmail(string? value) => value is { Length: <= 254 } && EmailRegex().IsMatch(value);

    /// <summary>A transfer target: E.164, a sip:/sips: URI, a tel: URI, or a PBX extension (digits).</summary>
    public static bool IsTransferTarget(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 256)
        {
            return false;
        }
        if (IsE164(value))
        {
            return true;
        }
        if (value.StartsWith("tel:", StringComparison.Ordinal))
        {
            return IsE164(value[4..]);
        }
        if (value.StartsWith("sip:", StringComparison.Ordinal) || value.StartsWith("sips:", StringComparison.Ordinal))
        {
            var rest = value[(value.IndexOf(':', StringComparison.Ordinal) + 1)..];
            var at = rest.IndexOf('@', StringComparison.Ordinal);
            return at > 0 && at < rest.Length - 1 && !rest.Contains(' ', StringComparison.Ordinal);
        }
        return value.All(char.IsAsciiDigit) && value.Length <= 15;
    }
}

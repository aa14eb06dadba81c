using System.Text;

namespace Appliance.Service.Compat;

/// <summary>
/// Dialects whose agent name is free text ("Support Bot") store it as display_name and derive the
/// canonical name (lowercase letters, digits, hyphens; unique per project) from it.
/// </summary>
internal static class NameSlug
{
    public static string From(string text)
    {
        var slug = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var result = slug.ToString().Trim('-');
        if (result.Length > 90)
        {
            result = result[..90].TrimEnd('-');
        }
        return result.Length == 0 ? "agent" : result;
    }

    /// <summary>The slug, or the slug with "-2", "-3"... when the name is taken.</summary>
    public static string Unique(string text, Func<string, bool> isTaken)
    {
        var slug = From(text);
        var candidate = slug;
        for (var n = 2; isTaken(candidate); n++)
        {
            candidate = $"{slug}-{n}";
        }
        return candidate;
    }
}

using Appliance.Telephony.Sip.Messages;

namespace Appliance.Telephony.Sip.Auth;

/// <summary>The comma-separated name=value list after "Digest" in challenge and credentials headers.</summary>
internal static class DigestParameters
{
    /// <summary>Names lower-cased, values unquoted; false when the header is not a well-formed Digest list.</summary>
    public static bool TryParse(string? header, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (header is null || header.Length < 7 || !header.StartsWith("Digest", StringComparison.OrdinalIgnoreCase) || header[6] is not (' ' or '\t'))
        {
            return false;
        }
        var parts = new List<string>();
        if (!SipSyntax.TrySplitList(header[6..], parts))
        {
            return false;
        }
        foreach (var part in parts)
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                values[part[..eq].Trim().ToLowerInvariant()] = SipSyntax.Unquote(part.AsSpan(eq + 1));
            }
        }
        return true;
    }
}

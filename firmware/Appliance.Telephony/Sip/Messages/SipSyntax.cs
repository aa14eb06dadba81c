namespace Appliance.Telephony.Sip.Messages;

/// <summary>Small lexical helpers shared by the header parsers (RFC 3261 §25).</summary>
public static class SipSyntax
{
    /// <summary>RFC 3261 token characters.</summary>
    public static bool IsTokenChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '-' or '.' or '!' or '%' or '*' or '_' or '+' or '`' or '\'' or '~';

    public static bool IsToken(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }
        foreach (var c in s)
        {
            if (!IsTokenChar(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Index of the next <paramref name="separator"/> outside quoted strings and angle brackets, or -1.
    /// Returns -2 when a quote or bracket is left open (malformed).
    /// </summary>
    public static int IndexOfUnquoted(ReadOnlySpan<char> s, char separator)
    {
        var inQuotes = false;
        var inAngle = false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (inQuotes)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                continue;
            }
            if (c == separator && !inAngle)
            {
                return i;
            }
            if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == '<')
            {
                inAngle = true;
            }
            else if (c == '>')
            {
                inAngle = false;
            }
        }
        return inQuotes || inAngle ? -2 : -1;
    }

    /// <summary>Splits a list header value at top-level commas; false when quotes or brackets are unbalanced.</summary>
    public static bool TrySplitList(string value, List<string> items)
    {
        var rest = value.AsSpan();
        while (true)
        {
            var comma = IndexOfUnquoted(rest, ',');
            if (comma == -2)
            {
                return false;
            }
            var item = (comma < 0 ? rest : rest[..comma]).Trim();
            if (!item.IsEmpty)
            {
                items.Add(item.ToString());
            }
            if (comma < 0)
            {
                return true;
            }
            rest = rest[(comma + 1)..];
        }
    }

    /// <summary>Removes the surrounding quotes and backslash escapes of a quoted-string; plain text is returned trimmed.</summary>
    public static string Unquote(ReadOnlySpan<char> s)
    {
        s = s.Trim();
        if (s.Length < 2 || s[0] != '"' || s[^1] != '"')
        {
            return s.ToString();
        }
        s = s[1..^1];
        if (s.IndexOf('\\') < 0)
        {
            return s.ToString();
        }
        var sb = new System.Text.StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                i++;
            }
            sb.Append(s[i]);
        }
        return sb.ToString();
    }

    /// <summary>Quotes text for a quoted-string, escaping quotes and backslashes.</summary>
    public static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}

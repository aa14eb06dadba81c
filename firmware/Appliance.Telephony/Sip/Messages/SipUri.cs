using System.Globalization;
using System.Text;

namespace Appliance.Telephony.Sip.Messages;

/// <summary>
/// A SIP, SIPS or tel URI (RFC 3261 §19.1, RFC 3966). Other schemes are kept opaque so they can be
/// answered with 416 instead of being refused as garbage.
/// </summary>
public sealed class SipUri
{
    public SipUri(string scheme, string? user, string host, int? port = null)
    {
        Scheme = scheme;
        User = user;
        Host = host;
        Port = port;
    }

    /// <summary>Lower-case scheme: "sip", "sips", "tel" or another one (opaque).</summary>
    public string Scheme { get; }

    /// <summary>User part (still %-escaped) or, for tel:, the number; null when absent.</summary>
    public string? User { get; set; }

    /// <summary>Password of <c>user:password@</c>, rare and deprecated but legal.</summary>
    public string? Password { get; set; }

    /// <summary>Host name or address; IPv6 keeps its brackets. Empty for tel: and opaque URIs.</summary>
    public string Host { get; set; }

    public int? Port { get; set; }

    public SipParameters Parameters { get; private set; } = new();

    /// <summary>The raw <c>?headers</c> part without the '?', or null.</summary>
    public string? Headers { get; set; }

    /// <summary>For unknown schemes, everything after the colon.</summary>
    public string? Opaque { get; private set; }

    public bool IsSip => Scheme is "sip" or "sips";

    public bool IsTel => Scheme == "tel";

    /// <summary>The <c>transport</c> URI parameter, lower case, or null.</summary>
    public string? Transport => Parameters.Get("transport")?.ToLowerInvariant();

    public static bool TryParse(ReadOnlySpan<char> text, out SipUri? uri)
    {
        uri = null;
        text = text.Trim();
        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }
        var schemeSpan = text[..colon];
        if (!char.IsAsciiLetter(schemeSpan[0]))
        {
            return false;
        }
        foreach (var c in schemeSpan)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }
        var scheme = schemeSpan.ToString().ToLowerInvariant();
        var rest = text[(colon + 1)..];
        foreach (var c in rest)
        {
            if (c <= ' ' || c is '<' or '>' or '"' || c > '~')
            {
                return false;
            }
        }
        if (scheme is "sip" or "sips")
        {
            return TryParseSip(scheme, rest, out uri);
        }
        if (scheme == "tel")
        {
            var semi = rest.IndexOf(';');
            var number = semi < 0 ? rest : rest[..semi];
            if (number.IsEmpty || !SipParameters.TryParse(semi < 0 ? [] : rest[(semi + 1)..], out var telParams))
            {
                return false;
            }
            uri = new SipUri(scheme, number.ToString(), string.Empty) { Parameters = telParams };
            return true;
        }
        uri = new SipUri(scheme, null, string.Empty) { Opaque = rest.ToString() };
        return true;
    }

    private static bool TryParseSip(string scheme, ReadOnlySpan<char> rest, out SipUri? uri)
    {
        uri = null;
        string? user = null;
        string? password = null;
        // The user part may itself hold ';' (RFC 4475 semiuri), so '@' is searched before parameters.
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = rest[..at];
            rest = rest[(at + 1)..];
            var pc = userInfo.IndexOf(':');
            if (pc >= 0)
            {
                password = userInfo[(pc + 1)..].ToString();
                userInfo = userInfo[..pc];
            }
            if (userInfo.IsEmpty)
            {
                return false;
            }
            user = userInfo.ToString();
        }
        // '@' cannot appear unescaped in URI headers, so '?' is only searched after the userinfo.
        string? headers = null;
        var q = rest.IndexOf('?');
        if (q >= 0)
        {
            headers = rest[(q + 1)..].ToString();
            rest = rest[..q];
        }
        var semi = rest.IndexOf(';');
        var hostPort = semi < 0 ? rest : rest[..semi];
        if (!TrySplitHostPort(hostPort, out var host, out var port))
        {
            return false;
        }
        if (!SipParameters.TryParse(semi < 0 ? [] : rest[(semi + 1)..], out var parameters))
        {
            return false;
        }
        uri = new SipUri(scheme, user, host, port) { Password = password, Parameters = parameters, Headers = headers };
        return true;
    }

    /// <summary>Splits <c>host[:port]</c> (IPv6 in brackets) and validates both parts.</summary>
    public static bool TrySplitHostPort(ReadOnlySpan<char> hostPort, out string host, out int? port)
    {
        host = string.Empty;
        port = null;
        ReadOnlySpan<char> hostSpan;
        ReadOnlySpan<char> portSpan = [];
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']');
            if (close < 0)
            {
                return false;
            }
            hostSpan = hostPort[..(close + 1)];
            var after = hostPort[(close + 1)..];
            if (!after.IsEmpty)
            {
                if (after[0] != ':')
                {
                    return false;
                }
                portSpan = after[1..];
                if (portSpan.IsEmpty)
                {
                    return false;
                }
            }
            foreach (var c in hostSpan[1..^1])
            {
                if (!char.IsAsciiHexDigit(c) && c is not (':' or '.'))
                {
                    return false;
                }
            }
        }
        else
        {
            var pc = hostPort.IndexOf(':');
            hostSpan = pc < 0 ? hostPort : hostPort[..pc];
            if (pc >= 0)
            {
                portSpan = hostPort[(pc + 1)..];
                if (portSpan.IsEmpty)
                {
                    return false;
                }
            }
            foreach (var c in hostSpan)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '.'))
                {
                    return false;
                }
            }
        }
        if (hostSpan.IsEmpty || hostSpan.Length > 255)
        {
            return false;
        }
        if (!portSpan.IsEmpty)
        {
            if (portSpan.Length > 5 || !int.TryParse(portSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p > 65535)
            {
                return false;
            }
            port = p;
        }
        host = hostSpan.ToString();
        return true;
    }

    /// <summary>A deep copy (by round trip, so it is always a valid URI).</summary>
    public SipUri Clone() => TryParse(ToString(), out var copy) ? copy! : throw new InvalidOperationException("URI does not round-trip");

    public override string ToString()
    {
        var sb = new StringBuilder(64);
        sb.Append(Scheme).Append(':');
        if (Opaque is not null)
        {
            return sb.Append(Opaque).ToString();
        }
        if (IsTel)
        {
            sb.Append(User);
            Parameters.AppendTo(sb);
            return sb.ToString();
        }
        if (User is not null)
        {
            sb.Append(User);
            if (Password is not null)
            {
                sb.Append(':').Append(Password);
            }
            sb.Append('@');
        }
        sb.Append(Host);
        if (Port is { } port)
        {
            sb.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }
        Parameters.AppendTo(sb);
        if (Headers is not null)
        {
            sb.Append('?').Append(Headers);
        }
        return sb.ToString();
    }
}

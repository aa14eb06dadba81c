using System.Globalization;
using System.Text;

namespace Appliance.Telephony.Sip.Messages;

/// <summary>One Via value (RFC 3261 §20.42) with branch, rport and received (RFC 3581).</summary>
public sealed class SipVia
{
    /// <summary>RFC 3261 branch magic cookie: transactions are matched by branch only when it starts with this.</summary>
    public const string MagicCookie = "z9hG4bK";

    public SipVia(string transport, string host, int? port, string branch)
    {
        Transport = transport;
        Host = host;
        Port = port;
        Parameters.Set("branch", branch);
    }

    private SipVia(string transport, string host, int? port, SipParameters parameters)
    {
        Transport = transport;
        Host = host;
        Port = port;
        Parameters = parameters;
    }

    /// <summary>Upper-case transport token: UDP, TCP, TLS, SCTP, WS...</summary>
    public string Transport { get; }

    public string Host { get; }

    public int? Port { get; }

    public SipParameters Parameters { get; } = new();

    public string? Branch => Parameters.Get("branch");

    public string? Received
    {
        get => Parameters.Get("received");
        set => Parameters.Set("received", value);
    }

    /// <summary>The rport value when filled in by the server; null when absent or a bare flag.</summary>
    public int? RPort =>
        int.TryParse(Parameters.Get("rport"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;

    public bool HasRPortFlag => Parameters.Contains("rport");

    public static bool TryParse(ReadOnlySpan<char> text, out SipVia? via)
    {
        via = null;
        text = text.Trim();
        // sent-protocol: SIP / 2.0 / UDP, with optional whitespace around the slashes (RFC 4475 wsinv).
        // Any version token is accepted here so a 505 can still be routed back (RFC 4475 badvers).
        if (!TryTakeToken(ref text, out var name) || !name.Equals("SIP", StringComparison.OrdinalIgnoreCase)
            || !TakeChar(ref text, '/') || !TryTakeToken(ref text, out _)
            || !TakeChar(ref text, '/') || !TryTakeToken(ref text, out var transport))
        {
            return false;
        }
        text = text.TrimStart();
        var semi = SipSyntax.IndexOfUnquoted(text, ';');
        if (semi == -2)
        {
            return false;
        }
        var sentBy = (semi < 0 ? text : text[..semi]).Trim();
        // Whitespace is allowed around the sent-by colon in LWS form; strip it before validating.
        Span<char> compact = stackalloc char[Math.Min(sentBy.Length, 300)];
        if (sentBy.Length > compact.Length)
        {
            return false;
        }
        var n = 0;
        foreach (var c in sentBy)
        {
            if (c is not (' ' or '\t'))
            {
                compact[n++] = c;
            }
        }
        if (!SipUri.TrySplitHostPort(compact[..n], out var host, out var port))
        {
            return false;
        }
        if (!SipParameters.TryParse(semi < 0 ? [] : text[(semi + 1)..], out var ps))
        {
            return false;
        }
        via = new SipVia(transport.ToString().ToUpperInvariant(), host, port, ps);
        return true;
    }

    private static bool TryTakeToken(ref ReadOnlySpan<char> text, out ReadOnlySpan<char> token)
    {
        text = text.TrimStart();
        var i = 0;
        while (i < text.Length && SipSyntax.IsTokenChar(text[i]))
        {
            i++;
        }
        token = text[..i];
        text = text[i..];
        return i > 0;
    }

    private static bool TakeChar(ref ReadOnlySpan<char> text, char c)
    {
        text = text.TrimStart();
        if (text.IsEmpty || text[0] != c)
        {
            return false;
        }
        text = text[1..];
        return true;
    }

    public override string ToString()
    {
        var sb = new StringBuilder(96);
        sb.Append("SIP/2.0/").Append(Transport).Append(' ').Append(Host);
        if (Port is { } port)
        {
            sb.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }
        Parameters.AppendTo(sb);
        return sb.ToString();
    }
}

using System.Text;

namespace Appliance.Telephony.Sip.Messages;

/// <summary>
/// A name-addr or addr-spec with header parameters (From, To, Contact, Route, Refer-To...):
/// <c>"Display" &lt;sip:u@h;uriparam&gt;;tag=x</c>. Without angle brackets every ';' belongs to the header.
/// </summary>
public sealed class SipNameAddress
{
    public SipNameAddress(SipUri uri, string? displayName = null)
    {
        Uri = uri;
        DisplayName = displayName;
    }

    public string? DisplayName { get; set; }

    public SipUri Uri { get; set; }

    public SipParameters Parameters { get; private set; } = new();

    /// <summary>True for a Contact of <c>*</c> (REGISTER remove-all).</summary>
    public bool IsWildcard { get; private init; }

    public string? Tag
    {
        get => Parameters.Get("tag");
        set
        {
            if (value is null)
            {
                Parameters.Remove("tag");
            }
            else
            {
                Parameters.Set("tag", value);
            }
        }
    }

    public static bool TryParse(ReadOnlySpan<char> text, out SipNameAddress? address)
    {
        address = null;
        text = text.Trim();
        if (text.IsEmpty)
        {
            return false;
        }
        if (text.SequenceEqual("*"))
        {
            address = new SipNameAddress(new SipUri("sip", null, "*")) { IsWildcard = true };
            return true;
        }
        var lt = SipSyntax.IndexOfUnquoted(text, '<');
        if (lt == -2)
        {
            return false;
        }
        if (lt >= 0)
        {
            var display = text[..lt].Trim();
            var afterLt = text[(lt + 1)..];
            var gt = afterLt.IndexOf('>');
            // LAQUOT/RAQUOT take no inner whitespace (RFC 4475 badaspec).
            if (gt <= 0 || afterLt[0] is ' ' or '\t' || afterLt[gt - 1] is ' ' or '\t'
                || !IsValidDisplayName(display) || !SipUri.TryParse(afterLt[..gt], out var uri))
            {
                return false;
            }
            var tail = afterLt[(gt + 1)..].Trim();
            if (!tail.IsEmpty && tail[0] != ';')
            {
                return false;
            }
            if (!SipParameters.TryParse(tail.IsEmpty ? tail : tail[1..], out var headerParams))
            {
                return false;
            }
            address = new SipNameAddress(uri!, display.IsEmpty ? null : SipSyntax.Unquote(display)) { Parameters = headerParams };
            return true;
        }
        // addr-spec form: the URI cannot contain ';' params, ',', '?' or spaces (RFC 3261 §20.10).
        var semi = text.IndexOf(';');
        var uriText = (semi < 0 ? text : text[..semi]).TrimEnd();
        if (uriText.IndexOfAny(' ', '\t') >= 0 || uriText.IndexOf('?') >= 0 || !SipUri.TryParse(uriText, out var plain))
        {
            return false;
        }
        if (!SipParameters.TryParse(semi < 0 ? [] : text[(semi + 1)..], out var ps))
        {
            return false;
        }
        address = new SipNameAddress(plain!) { Parameters = ps };
        return true;
    }

    private static bool IsValidDisplayName(ReadOnlySpan<char> display)
    {
        if (display.IsEmpty || display[0] == '"')
        {
            return display.IsEmpty || (display.Length >= 2 && display[^1] == '"');
        }
        // Unquoted display name: tokens separated by whitespace.
        foreach (var c in display)
        {
            if (!SipSyntax.IsTokenChar(c) && c is not (' ' or '\t') && c < 0x80)
            {
                return false;
            }
        }
        return true;
    }

    public SipNameAddress Clone()
    {
        SipParameters.TryParse(Parameters.ToString().AsSpan().TrimStart(';'), out var ps);
        return new SipNameAddress(Uri.Clone(), DisplayName) { Parameters = ps, IsWildcard = IsWildcard };
    }

    public override string ToString()
    {
        if (IsWildcard)
        {
            return "*";
        }
        var sb = new StringBuilder(96);
        if (!string.IsNullOrEmpty(DisplayName))
        {
            sb.Append(SipSyntax.Quote(DisplayName)).Append(' ');
        }
        sb.Append('<').Append(Uri.ToString()).Append('>');
        Parameters.AppendTo(sb);
        return sb.ToString();
    }
}

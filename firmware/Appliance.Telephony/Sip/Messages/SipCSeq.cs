using System.Globalization;

namespace Appliance.Telephony.Sip.Messages;

/// <summary>The CSeq header: a 32-bit sequence number and the request method.</summary>
public readonly record struct SipCSeq(uint Number, string Method)
{
    public static bool TryParse(ReadOnlySpan<char> text, out SipCSeq cseq)
    {
        cseq = default;
        text = text.Trim();
        var sp = text.IndexOfAny(' ', '\t');
        if (sp <= 0 || sp > 10)
        {
            return false;
        }
        // RFC 3261: the number is less than 2**31 (RFC 4475 scalar02 sends 2**32-1... and more).
        if (!uint.TryParse(text[..sp], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n >= 0x80000000u)
        {
            return false;
        }
        var method = text[sp..].Trim();
        if (!SipSyntax.IsToken(method))
        {
            return false;
        }
        cseq = new SipCSeq(n, method.ToString());
        return true;
    }

    public override string ToString() => Number.ToString(CultureInfo.InvariantCulture) + " " + Method;
}

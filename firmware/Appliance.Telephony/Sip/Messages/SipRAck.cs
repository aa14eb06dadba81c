using System.Globalization;

namespace Appliance.Telephony.Sip.Messages;

/// <summary>The RAck header of a PRACK (RFC 3262 §7.2): <c>response-num CSeq-num method</c>.</summary>
public readonly record struct SipRAck(uint ResponseNumber, uint CSeqNumber, string Method)
{
    public static bool TryParse(string? text, out SipRAck rack)
    {
        rack = default;
        if (text is null)
        {
            return false;
        }
        var parts = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3
            || !uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rseq)
            || !uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var cseq)
            || !SipSyntax.IsToken(parts[2]))
        {
            return false;
        }
        rack = new SipRAck(rseq, cseq, parts[2]);
        return true;
    }

    public override string ToString() =>
        ResponseNumber.ToString(CultureInfo.InvariantCulture) + " " + CSeqNumber.ToString(CultureInfo.InvariantCulture) + " " + Method;
}

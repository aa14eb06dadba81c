namespace Appliance.Hal.CallerId;

/// <summary>
/// DTMF caller ID (ETSI EN 300 659-1 annex B, used in e.g. Denmark, Netherlands, India):
/// the number sent as DTMF digits between a start code and 'C' before the first ring.
/// "A" or "D" start a number; "B" starts a two-digit absence code (00 unavailable, 10 private).
/// </summary>
public static class DtmfCallerIdParser
{
    public const int MaxDigits = 32;

    public static bool TryParse(ReadOnlySpan<char> digits, out CallerIdInfo? info)
    {
        info = null;
        if (digits.Length < 3 || digits.Length > MaxDigits + 2 || char.ToUpperInvariant(digits[^1]) != 'C')
        {
            return false;
        }

        var body = digits[1..^1];
        foreach (char c in body)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        switch (char.ToUpperInvariant(digits[0]))
        {
            case 'A':
            case 'D':
                info = new CallerIdInfo(body.ToString());
                return true;
            case 'B' when body is "00":
                info = new CallerIdInfo(null, NumberAbsence: CallerIdAbsence.Unavailable);
                return true;
            case 'B' when body is "10":
                info = new CallerIdInfo(null, NumberAbsence: CallerIdAbsence.Private);
                return true;
            default:
                return false;
        }
    }
}

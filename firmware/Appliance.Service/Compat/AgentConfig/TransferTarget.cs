namespace Appliance.Service.Compat.AgentConfig;

/// <summary>
/// Seed 004's transfer targets: a SIP URI (sip:extension@hostname) is kept as sent; a US phone
/// number in any common spelling becomes tel:+1XXXXXXXXXX. Anything else is left for the
/// canonical validator to accept (E.164, tel:, a PBX extension) or refuse.
/// </summary>
internal static class TransferTarget
{
    public static string Normalize(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            return trimmed;
        }
        var body = trimmed.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) ? trimmed[4..] : trimmed;
        Span<char> digits = stackalloc char[16];
        var count = 0;
        var plus = false;
        foreach (var c in body)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    return trimmed;
                }
                digits[count++] = c;
            }
            else if (c == '+' && count == 0 && !plus)
            {
                plus = true;
            }
            else if (c is not (' ' or '-' or '(' or ')' or '.'))
            {
                return trimmed;
            }
        }
        var national = (count, plus) switch
        {
            (10, false) => digits[..10],
            (11, _) when digits[0] == '1' => digits[1..11],
            _ => default,
        };
        // A US number: ten digits whose area code does not start with 0 or 1 (NANP).
        if (national.Length == 10 && national[0] >= '2')
        {
            return "tel:+1" + national.ToString();
        }
        return trimmed;
    }
}

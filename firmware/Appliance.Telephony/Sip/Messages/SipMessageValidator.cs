using System.Globalization;

namespace Appliance.Telephony.Sip.Messages;

/// <summary>
/// Semantic checks after the syntax pass (RFC 3261 §8.2, RFC 4475 §3.1.2): mandatory headers present
/// once, parseable routing headers, CSeq method matching, Content-Length consistent with the bytes.
/// </summary>
internal static class SipMessageValidator
{
    public static bool TryValidate(SipMessage message, ReadOnlySpan<byte> rest, SipLimits limits, out SipParseError error)
    {
        // Without a readable top Via nothing can be answered; a bad lower Via still earns a 400.
        if (message.TopVia is null)
        {
            error = new SipParseError(0, "Missing Or Bad Via");
            return false;
        }
        if (!message.TryGetVias(new List<SipVia>(2)))
        {
            error = new SipParseError(400, "Bad Via");
            return false;
        }
        if (!TryBody(message, rest, limits, out error) || !TryRoutingHeaders(message, out error))
        {
            return false;
        }
        if (message.IsRequest)
        {
            if (message.CSeq!.Value.Method != message.Method)
            {
                error = new SipParseError(400, "CSeq Method Mismatch");
                return false;
            }
            if (!message.RequestUri!.IsSip && !message.RequestUri.IsTel)
            {
                error = new SipParseError(416, "Unsupported URI Scheme");
                return false;
            }
        }
        error = SipParseError.None;
        return true;
    }

    private static bool TryRoutingHeaders(SipMessage message, out SipParseError error)
    {
        var h = message.Headers;
        if (h.CountOf(SipHeaderNames.From) != 1 || h.CountOf(SipHeaderNames.To) != 1
            || h.CountOf(SipHeaderNames.CallId) != 1 || h.CountOf(SipHeaderNames.CSeq) != 1)
        {
            error = new SipParseError(400, "Missing Or Repeated Mandatory Header");
            return false;
        }
        if (message.From is null || message.To is null)
        {
            error = new SipParseError(400, "Bad From Or To");
            return false;
        }
        if (message.CSeq is null)
        {
            error = new SipParseError(400, "Bad CSeq");
            return false;
        }
        var callId = message.CallId!;
        if (callId.Length == 0 || callId.AsSpan().IndexOfAny(' ', '\t') >= 0)
        {
            error = new SipParseError(400, "Bad Call-ID");
            return false;
        }
        var addresses = new List<SipNameAddress>();
        if (!message.TryGetAddresses(SipHeaderNames.Contact, addresses) || !message.TryGetAddresses(SipHeaderNames.Route, addresses)
            || !message.TryGetAddresses(SipHeaderNames.RecordRoute, addresses))
        {
            error = new SipParseError(400, "Bad Contact Or Route");
            return false;
        }
        var maxForwards = h.Get(SipHeaderNames.MaxForwards);
        if (maxForwards is not null && message.MaxForwards is not (>= 0 and <= 255))
        {
            error = new SipParseError(400, "Bad Max-Forwards");
            return false;
        }
        var expires = h.Get(SipHeaderNames.Expires);
        if (expires is not null && message.Expires is null)
        {
            error = new SipParseError(400, "Bad Expires");
            return false;
        }
        error = SipParseError.None;
        return true;
    }

    private static bool TryBody(SipMessage message, ReadOnlySpan<byte> rest, SipLimits limits, out SipParseError error)
    {
        var lengths = message.Headers.GetValues(SipHeaderNames.ContentLength);
        var length = rest.Length;
        if (lengths.Count > 1)
        {
            error = new SipParseError(400, "Repeated Content-Length");
            return false;
        }
        if (lengths.Count == 1)
        {
            if (!int.TryParse(lengths[0], NumberStyles.None, CultureInfo.InvariantCulture, out length))
            {
                error = new SipParseError(400, "Bad Content-Length");
                return false;
            }
            if (length > rest.Length)
            {
                error = new SipParseError(400, "Content-Length Exceeds Body");
                return false;
            }
        }
        if (length > limits.MaxBodyBytes)
        {
            error = new SipParseError(413, "Body Too Large");
            return false;
        }
        message.Body = rest[..length].ToArray();
        error = SipParseError.None;
        return true;
    }
}

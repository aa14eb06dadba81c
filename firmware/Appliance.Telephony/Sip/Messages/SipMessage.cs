using System.Globalization;

namespace Appliance.Telephony.Sip.Messages;

/// <summary>
/// A SIP request or response (RFC 3261 §7). Headers are kept as text and parsed on access through the
/// typed properties, so a message that is only routed never pays for parsing headers it does not read.
/// </summary>
public sealed class SipMessage
{
    private SipMessage()
    {
    }

    /// <summary>Request method (upper case as received), null for responses.</summary>
    public string? Method { get; private set; }

    /// <summary>Request-URI; null for responses.</summary>
    public SipUri? RequestUri { get; set; }

    /// <summary>Status code of a response, 0 for requests.</summary>
    public int StatusCode { get; private set; }

    public string ReasonPhrase { get; private set; } = string.Empty;

    public bool IsRequest => Method is not null;

    public SipHeaderCollection Headers { get; } = new();

    public ReadOnlyMemory<byte> Body { get; set; } = ReadOnlyMemory<byte>.Empty;

    public static SipMessage CreateRequest(string method, SipUri requestUri) =>
        new() { Method = method, RequestUri = requestUri };

    public static SipMessage CreateResponse(int statusCode, string reasonPhrase) =>
        new() { StatusCode = statusCode, ReasonPhrase = reasonPhrase };

    /// <summary>
    /// A response to <paramref name="request"/> per RFC 3261 §8.2.6: Via, From, To, Call-ID and CSeq
    /// copied, the To tag added when given and not already present, Record-Route copied for 18x/2xx.
    /// </summary>
    public static SipMessage CreateResponse(SipMessage request, int statusCode, string reasonPhrase, string? toTag = null)
    {
        var response = CreateResponse(statusCode, reasonPhrase);
        foreach (var h in request.Headers.All)
        {
            if (ReferenceEquals(h.Name, SipHeaderNames.Via) || ReferenceEquals(h.Name, SipHeaderNames.From)
                || ReferenceEquals(h.Name, SipHeaderNames.CallId) || ReferenceEquals(h.Name, SipHeaderNames.CSeq)
                || (ReferenceEquals(h.Name, SipHeaderNames.RecordRoute) && statusCode is > 100 and < 300))
            {
                response.Headers.AddParsed(h);
            }
            else if (ReferenceEquals(h.Name, SipHeaderNames.To))
            {
                var value = h.Value;
                if (toTag is not null && statusCode > 100 && SipNameAddress.TryParse(value, out var to) && to!.Tag is null)
                {
                    to.Tag = toTag;
                    value = to.ToString();
                }
                response.Headers.AddParsed(new SipHeader(SipHeaderNames.To, value));
            }
        }
        return response;
    }

    internal static SipMessage ParsedRequest(string method, SipUri uri) => new() { Method = method, RequestUri = uri };

    internal static SipMessage ParsedResponse(int code, string reason) => new() { StatusCode = code, ReasonPhrase = reason };

    public string? CallId => Headers.Get(SipHeaderNames.CallId);

    public SipCSeq? CSeq => SipCSeq.TryParse(Headers.Get(SipHeaderNames.CSeq), out var c) ? c : null;

    public SipNameAddress? From => SipNameAddress.TryParse(Headers.Get(SipHeaderNames.From), out var a) ? a : null;

    public SipNameAddress? To => SipNameAddress.TryParse(Headers.Get(SipHeaderNames.To), out var a) ? a : null;

    /// <summary>The top Via, or null when missing or malformed.</summary>
    public SipVia? TopVia
    {
        get
        {
            var values = new List<string>(2);
            return Headers.TryGetValues(SipHeaderNames.Via, values) && values.Count > 0 && SipVia.TryParse(values[0], out var v) ? v : null;
        }
    }

    /// <summary>All Via values in order; false when one of them is malformed.</summary>
    public bool TryGetVias(List<SipVia> vias)
    {
        var values = new List<string>(2);
        if (!Headers.TryGetValues(SipHeaderNames.Via, values))
        {
            return false;
        }
        foreach (var value in values)
        {
            if (!SipVia.TryParse(value, out var v))
            {
                return false;
            }
            vias.Add(v!);
        }
        return true;
    }

    /// <summary>Name-addr list headers (Contact, Route, Record-Route); false when one value is malformed.</summary>
    public bool TryGetAddresses(string headerName, List<SipNameAddress> addresses)
    {
        var values = new List<string>(2);
        if (!Headers.TryGetValues(headerName, values))
        {
            return false;
        }
        foreach (var value in values)
        {
            if (!SipNameAddress.TryParse(value, out var a))
            {
                return false;
            }
            addresses.Add(a!);
        }
        return true;
    }

    public SipNameAddress? Contact
    {
        get
        {
            var list = new List<SipNameAddress>(1);
            return TryGetAddresses(SipHeaderNames.Contact, list) && list.Count > 0 ? list[0] : null;
        }
    }

    public int? MaxForwards => ParseInt(Headers.Get(SipHeaderNames.MaxForwards));

    public int? Expires => ParseInt(Headers.Get(SipHeaderNames.Expires));

    public string? ContentType => Headers.Get(SipHeaderNames.ContentType);

    /// <summary>True when the body is SDP (or there is no Content-Type but there is a body).</summary>
    public bool HasSdpBody =>
        !Body.IsEmpty && (ContentType is null || ContentType.StartsWith("application/sdp", StringComparison.OrdinalIgnoreCase));

    public string BodyText => System.Text.Encoding.UTF8.GetString(Body.Span);

    /// <summary>True when a list header (Supported, Require, Allow) holds the token.</summary>
    public bool HasOptionTag(string headerName, string tag)
    {
        foreach (var v in Headers.GetValues(headerName))
        {
            if (v.Equals(tag, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private static int? ParseInt(string? s) =>
        int.TryParse(s.AsSpan().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    public override string ToString() => System.Text.Encoding.UTF8.GetString(SipWriter.ToArray(this));
}

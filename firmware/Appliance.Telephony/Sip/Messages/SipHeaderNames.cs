using System.Collections.Frozen;

namespace Appliance.Telephony.Sip.Messages;

/// <summary>
/// Canonical header names (RFC 3261 §20) and their compact forms. Parsed headers are stored under
/// these interned long names so lookups compare references first and never allocate.
/// </summary>
public static class SipHeaderNames
{
    public const string Via = "Via";
    public const string From = "From";
    public const string To = "To";
    public const string CallId = "Call-ID";
    public const string CSeq = "CSeq";
    public const string Contact = "Contact";
    public const string MaxForwards = "Max-Forwards";
    public const string ContentLength = "Content-Length";
    public const string ContentType = "Content-Type";
    public const string ContentEncoding = "Content-Encoding";
    public const string Route = "Route";
    public const string RecordRoute = "Record-Route";
    public const string Expires = "Expires";
    public const string MinExpires = "Min-Expires";
    public const string Subject = "Subject";
    public const string Supported = "Supported";
    public const string Require = "Require";
    public const string Allow = "Allow";
    public const string UserAgent = "User-Agent";
    public const string Server = "Server";
    public const string WwwAuthenticate = "WWW-Authenticate";
    public const string ProxyAuthenticate = "Proxy-Authenticate";
    public const string Authorization = "Authorization";
    public const string ProxyAuthorization = "Proxy-Authorization";
    public const string ReferTo = "Refer-To";
    public const string ReferredBy = "Referred-By";
    public const string Replaces = "Replaces";
    public const string Event = "Event";
    public const string SubscriptionState = "Subscription-State";
    public const string SessionExpires = "Session-Expires";
    public const string MinSe = "Min-SE";
    public const string Reason = "Reason";
    public const string Unsupported = "Unsupported";
    public const string Accept = "Accept";
    public const string RSeq = "RSeq";
    public const string RAck = "RAck";

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> KnownLookup = BuildLookup();

    private static FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> BuildLookup()
    {
        string[] known =
        [
        Via, From, To, CallId, CSeq, Contact, MaxForwards, ContentLength, ContentType, ContentEncoding,
        Route, RecordRoute, Expires, MinExpires, Subject, Supported, Require, Allow, UserAgent, Server,
        WwwAuthenticate, ProxyAuthenticate, Authorization, ProxyAuthorization, ReferTo, ReferredBy,
        Replaces, Event, SubscriptionState, SessionExpires, MinSe, Reason, Unsupported, Accept, RSeq, RAck,
        ];
        return known.ToFrozenDictionary(k => k, k => k, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Maps a header name as it appeared on the wire (any case, compact or long) to its canonical form.</summary>
    public static string Canonical(ReadOnlySpan<char> name)
    {
        if (name.Length == 1)
        {
            switch (char.ToLowerInvariant(name[0]))
            {
                case 'v': return Via;
                case 'f': return From;
                case 't': return To;
                case 'i': return CallId;
                case 'm': return Contact;
                case 'l': return ContentLength;
                case 'c': return ContentType;
                case 'e': return ContentEncoding;
                case 's': return Subject;
                case 'k': return Supported;
                case 'r': return ReferTo;
                case 'b': return ReferredBy;
                case 'o': return Event;
                case 'x': return SessionExpires;
            }
        }
        return KnownLookup.TryGetValue(name, out var canonical) ? canonical : name.ToString();
    }

    /// <summary>Headers whose values may be comma-separated lists (RFC 3261 §7.3.1); auth headers are not.</summary>
    public static bool IsList(string canonicalName) =>
        ReferenceEquals(canonicalName, Via) || ReferenceEquals(canonicalName, Contact)
        || ReferenceEquals(canonicalName, Route) || ReferenceEquals(canonicalName, RecordRoute)
        || ReferenceEquals(canonicalName, Supported) || ReferenceEquals(canonicalName, Require)
        || ReferenceEquals(canonicalName, Allow) || ReferenceEquals(canonicalName, Unsupported)
        || ReferenceEquals(canonicalName, Accept);
}

using System.Globalization;
using System.Net;
using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transport;

namespace Appliance.Telephony.Sip.Dialogs;

/// <summary>
/// Dialog state (RFC 3261 §12): identifiers, CSeq counters, remote target and route set, and the
/// construction of in-dialog requests including the ACK of a 2xx, which goes to the Contact/route set.
/// </summary>
public sealed class SipDialog
{
    private SipDialog(string callId, string localTag, string? remoteTag, SipNameAddress local, SipNameAddress remote,
        SipUri remoteTarget, List<SipNameAddress> routeSet, uint localCSeq, SipTransportKind transport)
    {
        CallId = callId;
        LocalTag = localTag;
        RemoteTag = remoteTag;
        Local = local;
        Remote = remote;
        RemoteTarget = remoteTarget;
        RouteSet = routeSet;
        LocalCSeq = localCSeq;
        Transport = transport;
    }

    public string CallId { get; }

    public string LocalTag { get; }

    public string? RemoteTag { get; private set; }

    /// <summary>Our address of record (From of our requests), without tag.</summary>
    public SipNameAddress Local { get; }

    /// <summary>The peer's address of record (To of our requests), without tag.</summary>
    public SipNameAddress Remote { get; }

    /// <summary>The peer's Contact: where in-dialog requests go when there is no route set.</summary>
    public SipUri RemoteTarget { get; private set; }

    public IReadOnlyList<SipNameAddress> RouteSet { get; private set; }

    public uint LocalCSeq { get; private set; }

    public uint RemoteCSeq { get; private set; }

    public SipTransportKind Transport { get; }

    /// <summary>The UAS side of a dialog created by an incoming INVITE (route set = Record-Route as received).</summary>
    public static SipDialog FromIncomingRequest(SipMessage request, string localTag, SipEndPoint source)
    {
        var routes = new List<SipNameAddress>();
        request.TryGetAddresses(SipHeaderNames.RecordRoute, routes);
        var from = request.From!.Clone();
        from.Tag = null;
        var to = request.To!.Clone();
        to.Tag = null;
        var target = request.Contact?.Uri ?? request.From!.Uri;
        var dialog = new SipDialog(request.CallId!, localTag, request.From!.Tag, to, from, target, routes,
            (uint)Random.Shared.Next(1, 10_000), source.Transport)
        {
            RemoteCSeq = request.CSeq!.Value.Number,
        };
        return dialog;
    }

    /// <summary>The UAC side, from our INVITE and the 2xx/1xx that answered it (route set = Record-Route reversed).</summary>
    public static SipDialog FromResponse(SipMessage request, SipMessage response, SipTransportKind transport)
    {
        var routes = new List<SipNameAddress>();
        response.TryGetAddresses(SipHeaderNames.RecordRoute, routes);
        routes.Reverse();
        var from = request.From!.Clone();
        var localTag = from.Tag!;
        from.Tag = null;
        var to = request.To!.Clone();
        to.Tag = null;
        return new SipDialog(request.CallId!, localTag, response.To!.Tag, from, to,
            response.Contact?.Uri ?? request.RequestUri!, routes, request.CSeq!.Value.Number, transport);
    }

    /// <summary>True when an incoming request belongs to this dialog (Call-ID, our tag in To, their tag in From).</summary>
    public bool Matches(SipMessage request) =>
        request.CallId == CallId && request.To?.Tag == LocalTag && request.From?.Tag == RemoteTag;

    /// <summary>
    /// Checks and records the CSeq of an in-dialog request (RFC 3261 §12.2.2); false for an old or
    /// repeated number, which is answered with 500.
    /// </summary>
    public bool AcceptRemoteCSeq(SipMessage request)
    {
        var n = request.CSeq!.Value.Number;
        if (n <= RemoteCSeq && request.Method != "ACK" && request.Method != "CANCEL")
        {
            return false;
        }
        if (request.Method != "ACK")
        {
            RemoteCSeq = n;
        }
        if (request.Method is "INVITE" or "UPDATE" && request.Contact?.Uri is { } target)
        {
            RemoteTarget = target;
        }
        return true;
    }

    /// <summary>A new in-dialog request with the next CSeq (RFC 3261 §12.2.1.1).</summary>
    public SipMessage CreateRequest(string method, SipUri contact) => Build(method, ++LocalCSeq, contact);

    /// <summary>The ACK of a 2xx: a new transaction, same CSeq number as the INVITE (RFC 3261 §13.2.2.4).</summary>
    public SipMessage CreateAck(uint inviteCSeq, SipUri contact) => Build("ACK", inviteCSeq, contact);

    private SipMessage Build(string method, uint cseq, SipUri contact)
    {
        // Loose routing only: the Request-URI is the remote target and every route becomes a Route header.
        var request = SipMessage.CreateRequest(method, RemoteTarget.Clone());
        foreach (var route in RouteSet)
        {
            request.Headers.Add(SipHeaderNames.Route, route.ToString());
        }
        var from = Local.Clone();
        from.Tag = LocalTag;
        var to = Remote.Clone();
        to.Tag = RemoteTag;
        request.Headers.Add(SipHeaderNames.From, from.ToString());
        request.Headers.Add(SipHeaderNames.To, to.ToString());
        request.Headers.Add(SipHeaderNames.CallId, CallId);
        request.Headers.Add(SipHeaderNames.CSeq, cseq.ToString(CultureInfo.InvariantCulture) + " " + method);
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        request.Headers.Add(SipHeaderNames.Contact, "<" + contact + ">");
        return request;
    }

    /// <summary>Where an in-dialog request goes: the first route if any, else the remote target.</summary>
    public bool TryGetNextHop(out SipEndPoint destination) =>
        TryResolve(RouteSet.Count > 0 ? RouteSet[0].Uri : RemoteTarget, Transport, out destination);

    /// <summary>Resolves a SIP URI host (literal IP or A/AAAA lookup; no NAPTR/SRV) and port, default 5060.</summary>
    public static bool TryResolve(SipUri uri, SipTransportKind fallback, out SipEndPoint destination)
    {
        destination = default;
        if (!IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
        {
            try
            {
                var addresses = Dns.GetHostAddresses(uri.Host);
                if (addresses.Length == 0)
                {
                    return false;
                }
                address = addresses[0];
            }
            catch (System.Net.Sockets.SocketException)
            {
                return false;
            }
        }
        var kind = uri.Transport switch
        {
            "tcp" => SipTransportKind.Tcp,
            "udp" => SipTransportKind.Udp,
            _ => fallback,
        };
        destination = new SipEndPoint(kind, new IPEndPoint(address, uri.Port ?? 5060));
        return true;
    }
}

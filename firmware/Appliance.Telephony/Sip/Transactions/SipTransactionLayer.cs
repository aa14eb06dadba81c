using System.Globalization;
using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transport;

namespace Appliance.Telephony.Sip.Transactions;

/// <summary>
/// Matches messages to transactions (RFC 3261 §17.1.3, §17.2.3), creates server transactions for new
/// requests, answers CANCEL, detects merged requests (§8.2.2.2, 482) and runs every state change
/// under one gate, so the UA above sees a single-threaded world.
/// </summary>
public sealed class SipTransactionLayer : ISipMessageSink
{
    private readonly Dictionary<string, SipTransaction> _transactions = new(StringComparer.Ordinal);
    // From tag + Call-ID + CSeq of live server transactions, to spot the same request arriving by two paths.
    private readonly Dictionary<string, SipServerTransaction> _mergeKeys = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public SipTransactionLayer(ISipSender sender, TimeProvider time, SipTimerSettings? timers = null)
    {
        Sender = sender;
        Time = time;
        Timers = timers ?? SipTimerSettings.Default;
    }

    public ISipSender Sender { get; }

    public TimeProvider Time { get; }

    public SipTimerSettings Timers { get; }

    public ISipTransactionUser? User { get; set; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _transactions.Count;
            }
        }
    }

    /// <summary>Runs an action under the stack's single gate (re-entrant).</summary>
    public void RunLocked(Action action)
    {
        lock (_gate)
        {
            action();
        }
    }

    public T RunLocked<T>(Func<T> func)
    {
        lock (_gate)
        {
            return func();
        }
    }

    /// <summary>
    /// Sends a request in a new client transaction. Without a Via, one with a fresh branch is added;
    /// a CANCEL keeps the INVITE's Via so it matches the same server transaction.
    /// </summary>
    public SipClientTransaction SendRequest(SipMessage request, SipEndPoint destination,
        Action<SipClientTransaction, SipMessage> onResponse, Action<SipClientTransaction> onTimeout)
    {
        lock (_gate)
        {
            if (request.Headers.Get(SipHeaderNames.Via) is null)
            {
                request.Headers.AddFirst(SipHeaderNames.Via, Sender.CreateVia(destination.Transport, SipTransportLayer.NewBranch()).ToString());
            }
            var key = ClientKey(request.TopVia!.Branch!, request.Method!);
            SipClientTransaction tx = request.Method == "INVITE"
                ? new InviteClientTransaction(this, key, request, destination, onResponse, onTimeout)
                : new NonInviteClientTransaction(this, key, request, destination, onResponse, onTimeout);
            _transactions[key] = tx;
            tx.Start();
            return tx;
        }
    }

    /// <summary>Sends a request outside any transaction (the ACK of a 2xx) with a fresh branch.</summary>
    public void SendStateless(SipMessage request, SipEndPoint destination)
    {
        if (request.Headers.Get(SipHeaderNames.Via) is null)
        {
            request.Headers.AddFirst(SipHeaderNames.Via, Sender.CreateVia(destination.Transport, SipTransportLayer.NewBranch()).ToString());
        }
        _ = Sender.SendAsync(request, destination);
    }

    /// <summary>Builds and sends the CANCEL of a pending INVITE (RFC 3261 §9.1).</summary>
    public SipClientTransaction SendCancel(InviteClientTransaction invite, Action<SipClientTransaction, SipMessage> onResponse)
    {
        var original = invite.Request;
        var cancel = SipMessage.CreateRequest("CANCEL", original.RequestUri!);
        cancel.Headers.Add(SipHeaderNames.Via, original.Headers.GetValues(SipHeaderNames.Via)[0]);
        foreach (var route in original.Headers.GetValues(SipHeaderNames.Route))
        {
            cancel.Headers.Add(SipHeaderNames.Route, route);
        }
        cancel.Headers.Add(SipHeaderNames.From, original.Headers.Get(SipHeaderNames.From)!);
        cancel.Headers.Add(SipHeaderNames.To, original.Headers.Get(SipHeaderNames.To)!);
        cancel.Headers.Add(SipHeaderNames.CallId, original.CallId!);
        cancel.Headers.Add(SipHeaderNames.CSeq, new SipCSeq(original.CSeq!.Value.Number, "CANCEL").ToString());
        cancel.Headers.Add(SipHeaderNames.MaxForwards, "70");
        return SendRequest(cancel, invite.Peer, onResponse, _ => { });
    }

    void ISipMessageSink.OnResponse(SipMessage response, SipEndPoint source)
    {
        var via = response.TopVia;
        var cseq = response.CSeq;
        if (via?.Branch is null || cseq is null)
        {
            return;
        }
        lock (_gate)
        {
            if (_transactions.TryGetValue(ClientKey(via.Branch, cseq.Value.Method), out var tx) && tx is SipClientTransaction client)
            {
                client.OnResponse(response);
            }
            else if (response.StatusCode is >= 200 and < 300 && cseq.Value.Method == "INVITE")
            {
                User?.OnStrayResponse(response, source);
            }
        }
    }

    void ISipMessageSink.OnRequest(SipMessage request, SipEndPoint source)
    {
        lock (_gate)
        {
            var key = ServerKey(request, request.Method == "ACK" ? "INVITE" : request.Method!);
            if (_transactions.TryGetValue(key, out var existing) && existing is SipServerTransaction server)
            {
                server.OnRetransmittedRequest(request);
                return;
            }
            switch (request.Method)
            {
                case "ACK":
                    OnAckWithoutTransaction(request, source);
                    return;
                case "CANCEL":
                    OnCancel(request, source);
                    return;
            }
            if (IsMergedRequest(request))
            {
                _ = Sender.SendResponseAsync(SipMessage.CreateResponse(request, 482, "Loop Detected", SipTransportLayer.NewToken()));
                return;
            }
            SipServerTransaction created = request.Method == "INVITE"
                ? new InviteServerTransaction(this, key, request, source)
                : new NonInviteServerTransaction(this, key, request, source);
            _transactions[key] = created;
            if (request.To?.Tag is null)
            {
                _mergeKeys[MergeKey(request)] = created;
            }
            if (created is InviteServerTransaction)
            {
                // 100 Trying at once stops the caller's INVITE retransmissions (RFC 3261 §17.2.1).
                created.Respond(SipMessage.CreateResponse(request, 100, "Trying"));
            }
            if (User is null)
            {
                created.Respond(503, "Service Unavailable");
                return;
            }
            User.OnRequest(created);
        }
    }

    private void OnAckWithoutTransaction(SipMessage ack, SipEndPoint source)
    {
        // The ACK of a 2xx has its own branch: match the accepted INVITE by Call-ID and CSeq number.
        foreach (var tx in _transactions.Values)
        {
            if (tx is InviteServerTransaction { IsAccepted: true } invite && invite.Request.CallId == ack.CallId
                && invite.Request.CSeq!.Value.Number == ack.CSeq!.Value.Number)
            {
                invite.On2xxAck();
                break;
            }
        }
        User?.OnAck(ack, source);
    }

    private void OnCancel(SipMessage cancel, SipEndPoint source)
    {
        var inviteKey = ServerKey(cancel, "INVITE");
        if (!_transactions.TryGetValue(inviteKey, out var tx) || tx is not InviteServerTransaction invite)
        {
            _ = Sender.SendResponseAsync(SipMessage.CreateResponse(cancel, 481, "Call/Transaction Does Not Exist", SipTransportLayer.NewToken()));
            return;
        }
        var cancelTx = new NonInviteServerTransaction(this, ServerKey(cancel, "CANCEL"), cancel, source);
        _transactions[cancelTx.Key] = cancelTx;
        cancelTx.Respond(SipMessage.CreateResponse(cancel, 200, "OK", invite.LocalTag));
        if (invite.FinalStatus == 0)
        {
            invite.IsCancelled = true;
            User?.OnCancel(invite);
            // Whatever the UA did, a cancelled INVITE ends with 487 (RFC 3261 §9.2).
            invite.Respond(487, "Request Terminated");
        }
    }

    private bool IsMergedRequest(SipMessage request) =>
        request.To?.Tag is null && _mergeKeys.TryGetValue(MergeKey(request), out var other) && !other.IsTerminated
        && other.Request.Method == request.Method;

    internal void Remove(SipTransaction tx)
    {
        if (_transactions.TryGetValue(tx.Key, out var current) && ReferenceEquals(current, tx))
        {
            _transactions.Remove(tx.Key);
        }
        if (tx is SipServerTransaction && tx.Request.To?.Tag is null)
        {
            var merge = MergeKey(tx.Request);
            if (_mergeKeys.TryGetValue(merge, out var s) && ReferenceEquals(s, tx))
            {
                _mergeKeys.Remove(merge);
            }
        }
    }

    private static string ClientKey(string branch, string method) => "c|" + branch + "|" + method;

    /// <summary>RFC 3261 §17.2.3 key; RFC 2543 peers without the magic cookie fall back to dialog fields.</summary>
    private static string ServerKey(SipMessage request, string method)
    {
        var via = request.TopVia!;
        var sentBy = via.Host + ":" + (via.Port ?? 5060).ToString(CultureInfo.InvariantCulture);
        var branch = via.Branch;
        if (branch is not null && branch.StartsWith(SipVia.MagicCookie, StringComparison.Ordinal))
        {
            return "s|" + branch + "|" + sentBy + "|" + method;
        }
        return "s2543|" + request.RequestUri + "|" + request.From?.Tag + "|" + request.CallId + "|"
            + request.CSeq!.Value.Number.ToString(CultureInfo.InvariantCulture) + "|" + sentBy + "|" + method;
    }

    private static string MergeKey(SipMessage request) =>
        request.From?.Tag + "|" + request.CallId + "|" + request.CSeq!.Value.ToString();
}

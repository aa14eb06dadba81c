using System.Globalization;
using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transactions;
using Microsoft.Extensions.Logging;

namespace Appliance.Telephony.Sip.UserAgent;

/// <summary>
/// Reliable provisional responses as UAS (RFC 3262): when the INVITE says <c>Supported</c> or
/// <c>Require: 100rel</c>, the 180 carries <c>Require: 100rel</c> and an RSeq and is retransmitted
/// (T1, doubling) until the matching PRACK; our 200 waits for that PRACK so the caller sees
/// 180 → PRACK/200 → 200 in order. No PRACK within 64·T1 → the INVITE is refused with 500.
/// </summary>
public sealed partial class SipCall
{
    private bool _peerSupports100rel;
    private uint _rseq;
    private SipMessage? _unackedProvisional;
    private SipMessage? _heldFinal;
    private ITimer? _reliableTimer;

    /// <summary>Sends a 1xx, reliably when the caller supports 100rel.</summary>
    private void SendProvisional(SipMessage response)
    {
        if (!_peerSupports100rel)
        {
            _inviteTx!.Respond(response);
            return;
        }
        if (_unackedProvisional is not null)
        {
            // RFC 3262 §3: no second reliable provisional before the first is acknowledged.
            return;
        }
        // The first RSeq is random in 1..2^31-1 and leaves room to count up.
        _rseq = _rseq == 0 ? (uint)Random.Shared.Next(1, 1 << 30) : _rseq + 1;
        response.Headers.Set(SipHeaderNames.Require, "100rel");
        response.Headers.Set(SipHeaderNames.RSeq, _rseq.ToString(CultureInfo.InvariantCulture));
        _unackedProvisional = response;
        _inviteTx!.Respond(response);
        var timers = Layer.Timers;
        ScheduleProvisionalRetransmit(timers.T1, timers.T1);
    }

    private void ScheduleProvisionalRetransmit(TimeSpan interval, TimeSpan elapsed)
    {
        _reliableTimer?.Dispose();
        _reliableTimer = _ua.Time.CreateTimer(_ => Layer.RunLocked(() =>
        {
            var pending = _unackedProvisional;
            if (pending is null || State == SipCallState.Ended)
            {
                return;
            }
            if (elapsed >= Layer.Timers.Timeout64)
            {
                Logger.LogInformation("Call {CallId}: no PRACK for the reliable {Status}", CallId, pending.StatusCode);
                _heldFinal = null;
                Reject(500, "Server Internal Error", "no PRACK for the reliable provisional response");
                return;
            }
            // Over TCP the transport is reliable: only the 64·T1 deadline applies.
            if (!Peer.IsReliable)
            {
                _inviteTx!.Respond(pending);
            }
            // Doubling, but the last wait ends exactly at 64·T1.
            var next = interval * 2;
            var left = Layer.Timers.Timeout64 - elapsed;
            if (next > left)
            {
                next = left;
            }
            ScheduleProvisionalRetransmit(next, elapsed + next);
        }), null, interval, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Sends the 2xx now, or once the outstanding reliable provisional is PRACKed.</summary>
    private void SendFinal2xx(SipMessage ok)
    {
        if (_unackedProvisional is not null)
        {
            _heldFinal = ok;
            return;
        }
        State = SipCallState.Answering;
        _inviteTx!.Respond(ok);
    }

    /// <summary>PRACK: 200 when its RAck names our outstanding reliable response, 481 otherwise (RFC 3262 §3).</summary>
    private void OnPrack(SipServerTransaction tx)
    {
        var pending = _unackedProvisional;
        if (pending is null || !SipRAck.TryParse(tx.Request.Headers.Get(SipHeaderNames.RAck), out var rack)
            || rack != new SipRAck(_rseq, _inviteTx!.Request.CSeq!.Value.Number, "INVITE"))
        {
            tx.Respond(481, "Call/Transaction Does Not Exist");
            return;
        }
        StopReliableProvisional();
        tx.Respond(200, "OK");
        if (_heldFinal is { } ok && State == SipCallState.Offering)
        {
            _heldFinal = null;
            State = SipCallState.Answering;
            _inviteTx.Respond(ok);
        }
    }

    private void StopReliableProvisional()
    {
        _unackedProvisional = null;
        _reliableTimer?.Dispose();
        _reliableTimer = null;
    }
}

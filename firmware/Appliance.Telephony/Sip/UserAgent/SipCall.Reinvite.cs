using System.Globalization;
using Appliance.Telephony.Sdp;
using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transactions;
using Microsoft.Extensions.Logging;

namespace Appliance.Telephony.Sip.UserAgent;

/// <summary>
/// Mid-call offers: hold/unhold both ways (re-INVITE and UPDATE), INVITE without SDP, and RFC 4028
/// session timers — we refresh at half the interval, or, when the peer is the refresher, hang up
/// if its refresh never comes.
/// </summary>
public sealed partial class SipCall
{
    private const int MinSessionExpires = 90;
    private TaskCompletionSource<bool>? _reinviteDone;
    private bool _pendingRemoteOfferWithoutSdp;
    private int _sessionInterval;
    private bool _weRefresh = true;
    private bool _peerSupportsTimer;
    private ITimer? _sessionTimer;
    private SipMessage? _lastAck;

    /// <summary>True while one of our re-INVITEs waits for its final response.</summary>
    public bool IsReinvitePending => _reinviteDone is { Task.IsCompleted: false };

    /// <summary>Puts the peer on hold (a=sendonly). True when the peer accepted.</summary>
    public Task<bool> HoldAsync() => SendOfferAsync(MediaDirection.SendOnly);

    public Task<bool> ResumeAsync() => SendOfferAsync(MediaDirection.SendRecv);

    private Task<bool> SendOfferAsync(MediaDirection direction) => Layer.RunLocked(() =>
    {
        if (State != SipCallState.Established || IsReinvitePending || Media is null)
        {
            return Task.FromResult(false);
        }
        return SendReinvite(CreateOffer(direction));
    });

    private Task<bool> SendReinvite(SessionDescription offer)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _reinviteDone = done;
        var invite = NewInDialogRequest("INVITE");
        AttachSdp(invite, offer);
        AddSessionTimerHeaders(invite);
        var cseq = invite.CSeq!.Value.Number;
        var sent = SendInDialog(invite, (_, response) => OnReinviteResponse(response, cseq, done), _ =>
        {
            done.TrySetResult(false);
            SendBye(new SipCallEndReason("reinvite-timeout", 408));
        });
        if (!sent)
        {
            done.TrySetResult(false);
        }
        return done.Task;
    }

    private void OnReinviteResponse(SipMessage response, uint cseq, TaskCompletionSource<bool> done)
    {
        if (response.StatusCode < 200)
        {
            return;
        }
        if (response.StatusCode >= 300)
        {
            done.TrySetResult(false);
            // 481/408 mean the dialog is gone (RFC 3261 §12.2.1.2).
            if (response.StatusCode is 481 or 408)
            {
                End(new SipCallEndReason("dialog-gone", response.StatusCode));
            }
            return;
        }
        SendAck(cseq);
        if (done.Task.IsCompleted)
        {
            return;
        }
        if (TryReadSdp(response, out var answer) && SdpNegotiator.TryAcceptAnswer(answer!, out var media, out _))
        {
            ApplyMedia(media!, first: false);
        }
        ReadSessionTimer(response);
        StartSessionTimer();
        done.TrySetResult(true);
    }

    private void SendAck(uint cseq)
    {
        if (_lastAck?.CSeq?.Number != cseq)
        {
            _lastAck = _dialog!.CreateAck(cseq, _ua.ContactUri(_dialog.Transport));
        }
        if (_dialog!.TryGetNextHop(out var hop))
        {
            // The ACK of a 2xx is its own transaction to the remote target/route set, so it gets a fresh Via.
            _lastAck.Headers.Remove(SipHeaderNames.Via);
            Layer.SendStateless(_lastAck, hop);
        }
    }

    /// <summary>A 2xx retransmitted after its transaction ended: ACK it again (its ACK was lost).</summary>
    internal void OnStray2xx(SipMessage response)
    {
        if (response.CSeq is { } cseq && _dialog is not null)
        {
            SendAck(cseq.Number);
        }
    }

    private void OnRemoteOffer(SipServerTransaction tx)
    {
        var request = tx.Request;
        if (IsReinvitePending && request.Method == "INVITE")
        {
            // Glare (RFC 3261 §14.1): both sides offered at once.
            tx.Respond(491, "Request Pending");
            return;
        }
        var ok = WithContact(tx.CreateResponse(200, "OK"));
        ReadSessionTimer(request);
        AddSessionTimerHeaders(ok);
        if (TryReadSdp(request, out var offer))
        {
            if (Media is null || !_negotiator.TryAnswer(offer!, LocalAddress, Media.LocalPort, out var answer, out var media, out var reason))
            {
                tx.Respond(488, "Not Acceptable Here");
                return;
            }
            _localSdp = answer;
            AttachSdp(ok, answer!);
            tx.Respond(ok);
            ApplyMedia(media!, first: NegotiatedMedia is null);
        }
        else
        {
            if (request.Method == "INVITE" && Media is not null)
            {
                // Offer-less re-INVITE: we offer in the 200 and expect the answer in the ACK.
                AttachSdp(ok, CreateOffer(NegotiatedMedia?.Direction ?? MediaDirection.SendRecv));
                _pendingRemoteOfferWithoutSdp = true;
            }
            tx.Respond(ok);
        }
        StartSessionTimer();
    }

    /// <summary>Reads Session-Expires/Supported from an INVITE (or a 2xx to ours).</summary>
    private void ReadSessionTimer(SipMessage message)
    {
        _peerSupportsTimer |= message.HasOptionTag(SipHeaderNames.Supported, "timer") || message.HasOptionTag(SipHeaderNames.Require, "timer");
        var header = message.Headers.Get(SipHeaderNames.SessionExpires);
        var semi = header?.IndexOf(';', StringComparison.Ordinal) ?? -1;
        var value = semi < 0 ? header : header![..semi];
        if (header is not null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            _sessionInterval = Math.Max(MinSessionExpires, seconds);
            var refresher = semi < 0 || !SipParameters.TryParse(header.AsSpan(semi + 1), out var ps) ? null : ps.Get("refresher");
            // In a response to our request "uac" means us; in a request we received it means the peer.
            _weRefresh = refresher is null || refresher.Equals(message.IsRequest ? "uas" : "uac", StringComparison.OrdinalIgnoreCase);
        }
        if (_sessionInterval == 0)
        {
            _sessionInterval = Math.Max(MinSessionExpires, _ua.Options.SessionExpiresSeconds);
        }
    }

    private void AddSessionTimerHeaders(SipMessage message)
    {
        // Require: timer in a response is only allowed when the peer said it supports timers.
        if (_sessionInterval == 0 || (!message.IsRequest && !_peerSupportsTimer))
        {
            return;
        }
        string refresher;
        if (message.IsRequest)
        {
            refresher = _weRefresh ? "uac" : "uas";
            message.Headers.Set(SipHeaderNames.Supported, "timer, replaces");
        }
        else
        {
            refresher = _weRefresh ? "uas" : "uac";
            message.Headers.Set(SipHeaderNames.Require, "timer");
        }
        message.Headers.Set(SipHeaderNames.SessionExpires, _sessionInterval.ToString(CultureInfo.InvariantCulture) + ";refresher=" + refresher);
    }

    private void StartSessionTimer()
    {
        StopSessionTimer();
        if (State != SipCallState.Established || _sessionInterval == 0)
        {
            return;
        }
        var interval = TimeSpan.FromSeconds(_sessionInterval);
        // RFC 4028 §10: the refresher refreshes at half the interval; the other side waits the
        // interval minus a third (at most 32 s) before declaring the session dead.
        var due = _weRefresh ? interval / 2 : interval - TimeSpan.FromSeconds(Math.Min(32, _sessionInterval / 3.0));
        _sessionTimer = _ua.Time.CreateTimer(_ => Layer.RunLocked(OnSessionTimer), null, due, Timeout.InfiniteTimeSpan);
    }

    private void OnSessionTimer()
    {
        if (State != SipCallState.Established)
        {
            return;
        }
        if (!_weRefresh)
        {
            SendBye(new SipCallEndReason("session-expired", 408, "no session refresh from peer"));
            return;
        }
        if (IsReinvitePending || _localSdp is null)
        {
            StartSessionTimer();
            return;
        }
        Logger.LogDebug("Refreshing session of call {CallId}", CallId);
        // Same SDP, same o= version: a pure refresh changes nothing in the media.
        _ = SendReinvite(_localSdp);
    }

    private void StopSessionTimer()
    {
        _sessionTimer?.Dispose();
        _sessionTimer = null;
    }
}

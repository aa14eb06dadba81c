using Appliance.Telephony.Sdp;
using Appliance.Telephony.Sip.Dialogs;
using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transactions;
using Microsoft.Extensions.Logging;

namespace Appliance.Telephony.Sip.UserAgent;

/// <summary>The UAS side: ringing, answering with an SDP answer (or an offer when the INVITE had none), refusing, redirecting.</summary>
public sealed partial class SipCall
{
    private SessionDescription? _remoteOffer;

    internal static SipCall FromInvite(SipUserAgent ua, InviteServerTransaction tx)
    {
        var request = tx.Request;
        var call = new SipCall(ua, true, request.CallId!, request.From!, tx.Peer)
        {
            RequestUser = request.RequestUri!.User,
            ToUser = request.To!.Uri.User,
        };
        call._inviteTx = tx;
        call._dialog = SipDialog.FromIncomingRequest(request, tx.LocalTag, tx.Peer);
        TryReadSdp(request, out call._remoteOffer);
        call.ReadSessionTimer(request);
        call._peerSupports100rel = request.HasOptionTag(SipHeaderNames.Supported, "100rel") || request.HasOptionTag(SipHeaderNames.Require, "100rel");
        return call;
    }

    /// <summary>The INVITE carried a body that is not usable SDP.</summary>
    internal bool HasUnreadableOffer => _inviteTx!.Request.HasSdpBody && _remoteOffer is null;

    /// <summary>Sends 180 Ringing.</summary>
    public void Ring() => Layer.RunLocked(() =>
    {
        if (State == SipCallState.Offering && _inviteTx is not null)
        {
            SendProvisional(WithContact(_inviteTx.CreateResponse(180, "Ringing")));
        }
    });

    /// <summary>
    /// Answers with 200 OK. With an offer in the INVITE the answer goes in the 200 and media starts now;
    /// without one, the 200 carries our offer and media starts when the ACK brings the answer.
    /// False when the offer was unacceptable (488 sent) or no RTP port was free (503 sent).
    /// </summary>
    public bool Accept() => Layer.RunLocked(() =>
    {
        if (State != SipCallState.Offering || _inviteTx is null || _inviteTx.FinalStatus != 0 || _heldFinal is not null)
        {
            return false;
        }
        if (!EnsureMedia())
        {
            Reject(503, "No Media Port");
            return false;
        }
        var ok = WithContact(_inviteTx.CreateResponse(200, "OK"));
        if (_remoteOffer is not null)
        {
            if (!_negotiator.TryAnswer(_remoteOffer, LocalAddress, Media!.LocalPort, out var answer, out var media, out var reason))
            {
                Reject(488, "Not Acceptable Here", reason);
                return false;
            }
            _localSdp = answer;
            AttachSdp(ok, answer!);
            ApplyMedia(media!, first: true);
        }
        else
        {
            AttachSdp(ok, CreateOffer(MediaDirection.SendRecv));
        }
        AddSessionTimerHeaders(ok);
        SendFinal2xx(ok);
        return true;
    });

    /// <summary>Refuses the call (403, 404, 486, 503...); <paramref name="detail"/> goes to the call record and a Reason header.</summary>
    public void Reject(int statusCode, string reasonPhrase, string? detail = null) => Layer.RunLocked(() =>
    {
        if (State != SipCallState.Offering || _inviteTx is null || _inviteTx.FinalStatus != 0)
        {
            return;
        }
        var response = _inviteTx.CreateResponse(statusCode, reasonPhrase);
        if (detail is not null)
        {
            response.Headers.Add(SipHeaderNames.Reason, "SIP;cause=" + statusCode + ";text=" + SipSyntax.Quote(detail));
        }
        _inviteTx.Respond(response);
        End(new SipCallEndReason("rejected", statusCode, detail ?? reasonPhrase));
    });

    /// <summary>Sends 302 Moved Temporarily to <paramref name="target"/> (calls the agent should not take).</summary>
    public void Redirect(SipUri target) => Layer.RunLocked(() =>
    {
        if (State != SipCallState.Offering || _inviteTx is null || _inviteTx.FinalStatus != 0)
        {
            return;
        }
        var response = _inviteTx.CreateResponse(302, "Moved Temporarily");
        response.Headers.Add(SipHeaderNames.Contact, "<" + target + ">");
        _inviteTx.Respond(response);
        End(new SipCallEndReason("redirected", 302, target.ToString()));
    });

    internal void OnCancelled() => End(SipCallEndReason.Cancelled);

    /// <summary>ACK of our 2xx: the dialog is confirmed; an answer in the ACK completes offer/answer.</summary>
    internal void OnAck(SipMessage ack)
    {
        if (State != SipCallState.Answering)
        {
            if (_pendingRemoteOfferWithoutSdp && TryReadSdp(ack, out var late) && SdpNegotiator.TryAcceptAnswer(late!, out var m, out _))
            {
                _pendingRemoteOfferWithoutSdp = false;
                ApplyMedia(m!, first: false);
            }
            return;
        }
        if (NegotiatedMedia is null)
        {
            if (!TryReadSdp(ack, out var answer) || !SdpNegotiator.TryAcceptAnswer(answer!, out var media, out var reason))
            {
                Logger.LogInformation("Call {CallId}: no usable answer in ACK", CallId);
                State = SipCallState.Established;
                SendBye(new SipCallEndReason("bad-ack-answer", 488, "no usable SDP answer in ACK"));
                return;
            }
            ApplyMedia(media!, first: true);
        }
        State = SipCallState.Established;
        StartSessionTimer();
        Established?.Invoke(this);
    }

    /// <summary>No ACK for our 200 within 64·T1: the peer is gone; end with BYE (RFC 3261 §13.3.1.4).</summary>
    internal void OnAckTimeout()
    {
        if (State == SipCallState.Answering)
        {
            SendBye(new SipCallEndReason("no-ack", 408, "200 OK never acknowledged"));
        }
    }

    private SipMessage WithContact(SipMessage response)
    {
        response.Headers.Set(SipHeaderNames.Contact, "<" + _ua.ContactUri(_dialog!.Transport) + ">");
        response.Headers.Set(SipHeaderNames.Allow, SipUserAgent.AllowedMethods);
        response.Headers.Set(SipHeaderNames.Supported, SipUserAgent.SupportedOptions);
        response.Headers.Set(SipHeaderNames.Server, _ua.Options.UserAgent);
        return response;
    }
}

using Appliance.Telephony.Sdp;
using Appliance.Telephony.Sip.Dialogs;
using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transactions;
using Appliance.Telephony.Sip.Transport;

namespace Appliance.Telephony.Sip.UserAgent;

/// <summary>
/// The UAC side (consultation calls for attended transfer, test calls): INVITE with our offer, ACK of
/// the 2xx to the Contact/route set, CANCEL, and the race where a 200 arrives after our CANCEL,
/// which is ACKed and then ended with BYE.
/// </summary>
public sealed partial class SipCall
{
    private InviteClientTransaction? _inviteClient;
    private bool _cancelRequested;
    private bool _cancelSent;

    internal static SipCall Dial(SipUserAgent ua, SipUri target, SipEndPoint destination, SipNameAddress from)
    {
        var callId = SipTransportLayer.NewToken() + "@" + ua.Transport.AdvertisedAddress;
        var call = new SipCall(ua, false, callId, new SipNameAddress(target.Clone()), destination);
        if (!call.EnsureMedia())
        {
            throw new InvalidOperationException("No free RTP port for an outgoing call");
        }
        var invite = SipMessage.CreateRequest("INVITE", target.Clone());
        var local = from.Clone();
        local.Tag = SipTransportLayer.NewToken();
        invite.Headers.Add(SipHeaderNames.From, local.ToString());
        invite.Headers.Add(SipHeaderNames.To, new SipNameAddress(target.Clone()).ToString());
        invite.Headers.Add(SipHeaderNames.CallId, callId);
        invite.Headers.Add(SipHeaderNames.CSeq, "1 INVITE");
        invite.Headers.Add(SipHeaderNames.MaxForwards, "70");
        invite.Headers.Add(SipHeaderNames.Contact, "<" + ua.ContactUri(destination.Transport) + ">");
        invite.Headers.Add(SipHeaderNames.Allow, SipUserAgent.AllowedMethods);
        invite.Headers.Add(SipHeaderNames.Supported, "timer, replaces");
        invite.Headers.Add(SipHeaderNames.UserAgent, ua.Options.UserAgent);
        AttachSdp(invite, call.CreateOffer(MediaDirection.SendRecv));
        ua.Layer.RunLocked(() => call.SendInvite(invite));
        return call;
    }

    private void SendInvite(SipMessage invite) =>
        _inviteClient = (InviteClientTransaction)Layer.SendRequest(invite, Peer, OnInviteResponse,
            _ => End(new SipCallEndReason("timeout", 408, "no answer to INVITE")));

    private void OnInviteResponse(SipClientTransaction tx, SipMessage response)
    {
        var status = response.StatusCode;
        if (status < 200)
        {
            if (_cancelRequested && !_cancelSent)
            {
                SendCancel();
            }
            return;
        }
        if (status is 401 or 407 && !_cancelRequested && TryAnswerChallenge(tx.Request, response))
        {
            return;
        }
        if (status >= 300)
        {
            End(_cancelRequested ? SipCallEndReason.Cancelled : new SipCallEndReason("rejected", status, response.ReasonPhrase));
            return;
        }
        _dialog ??= SipDialog.FromResponse(tx.Request, response, Peer.Transport);
        SendAck(tx.Request.CSeq!.Value.Number);
        if (State != SipCallState.Offering)
        {
            return;
        }
        if (_cancelRequested)
        {
            // Our CANCEL lost the race against the 200: the call exists now, so ACK it and BYE it.
            SendBye(SipCallEndReason.Cancelled);
            return;
        }
        if (!TryReadSdp(response, out var answer) || !SdpNegotiator.TryAcceptAnswer(answer!, out var media, out var reason))
        {
            State = SipCallState.Established;
            SendBye(new SipCallEndReason("bad-answer", 488, "no usable SDP answer"));
            return;
        }
        ApplyMedia(media!, first: true);
        State = SipCallState.Established;
        ReadSessionTimer(response);
        StartSessionTimer();
        Established?.Invoke(this);
    }

    private void CancelOutgoing()
    {
        _cancelRequested = true;
        // A CANCEL may only follow a provisional response (RFC 3261 §9.1); otherwise it goes when one arrives.
        if (_inviteClient is { HasProvisional: true })
        {
            SendCancel();
        }
    }

    private void SendCancel()
    {
        _cancelSent = true;
        Layer.SendCancel(_inviteClient!, (_, _) => { });
    }
}

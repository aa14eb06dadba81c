using System.Net;
using Appliance.Telephony.Rtp;
using Appliance.Telephony.Sdp;
using Appliance.Telephony.Sip.Dialogs;
using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transactions;
using Appliance.Telephony.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Appliance.Telephony.Sip.UserAgent;

/// <summary>
/// One call (one INVITE dialog) with its RTP session. The conversation layer reads who was called
/// (<see cref="RequestUser"/>/<see cref="ToUser"/>), decides (answer, reject, redirect), then drives
/// the call (hang up, hold, transfer) and listens to its events. Event handlers run on the SIP
/// stack's serialised context and must return quickly.
/// </summary>
public sealed partial class SipCall
{
    private readonly SipUserAgent _ua;
    private readonly SdpNegotiator _negotiator = new();
    private InviteServerTransaction? _inviteTx;
    private SipDialog? _dialog;
    private SessionDescription? _localSdp;

    private SipCall(SipUserAgent ua, bool incoming, string callId, SipNameAddress remoteParty, SipEndPoint peer)
    {
        _ua = ua;
        IsIncoming = incoming;
        CallId = callId;
        RemoteParty = remoteParty;
        Peer = peer;
    }

    public bool IsIncoming { get; }

    public string CallId { get; }

    /// <summary>The caller (incoming) or callee (outgoing) address.</summary>
    public SipNameAddress RemoteParty { get; }

    /// <summary>Where the INVITE came from or went to.</summary>
    public SipEndPoint Peer { get; }

    /// <summary>User part of the Request-URI: the number or extension dialled, for routing to an agent.</summary>
    public string? RequestUser { get; private init; }

    /// <summary>User part of the To header (differs from <see cref="RequestUser"/> behind some PBXs).</summary>
    public string? ToUser { get; private init; }

    public SipCallState State { get; private set; } = SipCallState.Offering;

    public RtpMediaSession? Media { get; private set; }

    public NegotiatedMedia? NegotiatedMedia { get; private set; }

    public SipCallEndReason? EndReason { get; private set; }

    internal SipDialog? Dialog => _dialog;

    /// <summary>The 2xx ACK (or the BYE after a failed ACK) completed: audio may flow.</summary>
    public event Action<SipCall>? Established;

    public event Action<SipCall, SipCallEndReason>? Ended;

    /// <summary>A digit from RFC 4733 telephone-events or from SIP INFO.</summary>
    public event Action<SipCall, char>? DtmfReceived;

    /// <summary>The peer re-negotiated media (hold, unhold, new address).</summary>
    public event Action<SipCall, NegotiatedMedia>? MediaChanged;

    /// <summary>Transfer progress from NOTIFY sipfrag (100, 180, 200, 486...).</summary>
    public event Action<SipCall, int>? TransferProgress;

    private ILogger Logger => _ua.Logger;

    private SipTransactionLayer Layer => _ua.Layer;

    /// <summary>Handles a request inside this call's dialog (under the stack gate).</summary>
    internal void OnInDialogRequest(SipServerTransaction tx)
    {
        var request = tx.Request;
        if (_dialog is null || !_dialog.AcceptRemoteCSeq(request))
        {
            tx.Respond(500, "CSeq Out Of Order");
            return;
        }
        switch (request.Method)
        {
            case "BYE":
                tx.Respond(200, "OK");
                End(SipCallEndReason.RemoteHangup);
                break;
            case "INVITE":
            case "UPDATE":
                OnRemoteOffer(tx);
                break;
            case "INFO":
                OnInfo(tx);
                break;
            case "NOTIFY":
                OnNotify(tx);
                break;
            case "PRACK":
                OnPrack(tx);
                break;
            case "OPTIONS":
                tx.Respond(_ua.CreateOptionsResponse(tx));
                break;
            default:
                tx.Respond(405, "Method Not Allowed");
                break;
        }
    }

    /// <summary>Sends an in-dialog request in its own client transaction to the dialog's next hop.</summary>
    private bool SendInDialog(SipMessage request, Action<SipClientTransaction, SipMessage> onResponse, Action<SipClientTransaction> onTimeout)
    {
        if (_dialog is null || !_dialog.TryGetNextHop(out var hop))
        {
            return false;
        }
        request.Headers.Add(SipHeaderNames.UserAgent, _ua.Options.UserAgent);
        Layer.SendRequest(request, hop, onResponse, onTimeout);
        return true;
    }

    private SipMessage NewInDialogRequest(string method) => _dialog!.CreateRequest(method, _ua.ContactUri(_dialog.Transport));

    /// <summary>Hangs up: BYE when established, CANCEL/decline otherwise. Completes when the call has ended.</summary>
    public Task HangupAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Layer.RunLocked(() =>
        {
            if (State == SipCallState.Ended)
            {
                done.TrySetResult();
                return;
            }
            Ended += (_, _) => done.TrySetResult();
            if (State == SipCallState.Offering)
            {
                if (IsIncoming)
                {
                    Reject(480, "Temporarily Unavailable");
                }
                else
                {
                    CancelOutgoing();
                }
                return;
            }
            SendBye(SipCallEndReason.LocalHangup);
        });
        return done.Task;
    }

    private void SendBye(SipCallEndReason reason)
    {
        var sent = SendInDialog(NewInDialogRequest("BYE"), (t, r) =>
        {
            if (r.StatusCode >= 200)
            {
                End(reason);
            }
        }, _ => End(reason));
        if (!sent)
        {
            End(reason);
        }
        else
        {
            // Stop media at once; the dialog ends with the BYE's response (or its timeout).
            StopMedia();
        }
    }

    internal void End(SipCallEndReason reason)
    {
        if (State == SipCallState.Ended)
        {
            return;
        }
        State = SipCallState.Ended;
        EndReason = reason;
        StopSessionTimer();
        StopReliableProvisional();
        StopMedia();
        _transferDone?.TrySetResult(487);
        _reinviteDone?.TrySetResult(false);
        _ua.Forget(this);
        Logger.LogInformation("Call {CallId} ended: {Cause} {Status}", CallId, reason.Cause, reason.StatusCode);
        Ended?.Invoke(this, reason);
    }

    private void StopMedia()
    {
        var media = Media;
        Media = null;
        if (media is not null)
        {
            _ = media.DisposeAsync().AsTask();
        }
    }

    private bool EnsureMedia()
    {
        if (Media is not null)
        {
            return true;
        }
        try
        {
            Media = RtpMediaSession.Open(_ua.RtpBindAddress, _ua.Options.RtpPortMin, _ua.Options.RtpPortMax, _ua.Time);
            Media.DtmfReceived += e => Layer.RunLocked(() => DtmfReceived?.Invoke(this, e.Digit));
            return true;
        }
        catch (InvalidOperationException e)
        {
            Logger.LogWarning("No RTP port for call {CallId}: {Error}", CallId, e.Message);
            return false;
        }
    }

    private void ApplyMedia(NegotiatedMedia media, bool first)
    {
        NegotiatedMedia = media;
        if (first)
        {
            Media?.Start(media);
        }
        else
        {
            Media?.Update(media);
            MediaChanged?.Invoke(this, media);
        }
    }

    private SessionDescription CreateOffer(MediaDirection direction) =>
        _localSdp = _negotiator.CreateOffer(_ua.Transport.AdvertisedAddress, Media!.LocalPort, direction);

    private static bool TryReadSdp(SipMessage message, out SessionDescription? sdp)
    {
        sdp = null;
        return message.HasSdpBody && SessionDescription.TryParse(message.BodyText, out sdp, out _);
    }

    private static void AttachSdp(SipMessage message, SessionDescription sdp)
    {
        message.Headers.Set(SipHeaderNames.ContentType, "application/sdp");
        message.Body = System.Text.Encoding.UTF8.GetBytes(sdp.ToString());
    }

    internal IPAddress LocalAddress => _ua.Transport.AdvertisedAddress;
}

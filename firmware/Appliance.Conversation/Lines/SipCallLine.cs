using Appliance.Configuration.Model;
using Appliance.Telephony.Rtp;
using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.UserAgent;

namespace Appliance.Conversation.Lines;

/// <summary>An answered SIP call as a call line: RTP media, RFC 4733/INFO DTMF, REFER transfer, BYE.</summary>
public sealed class SipCallLine : ICallLine
{
    private readonly SipCall _call;
    private readonly TimeProvider _time;
    private int _framesSinceSnapshot;
    private CallQuality? _lastQuality;

    public SipCallLine(SipCall call, TimeProvider time)
    {
        _call = call;
        _time = time;
        _call.DtmfReceived += (_, digit) => DtmfReceived?.Invoke(digit);
        _call.Ended += (_, reason) => Ended?.Invoke(reason.Detail is null ? reason.Cause : $"{reason.Cause}: {reason.Detail}");
    }

    public string CallId => _call.CallId;

    public string Kind => TelephonyProviders.Sip;

    public string? CallerNumber => _call.RemoteParty.Uri.User;

    public string? CalledNumber => _call.RequestUser ?? _call.ToUser;

    public event Action<char>? DtmfReceived;

    public event Action<string>? Ended;

    public bool TryReadFrame(Span<short> frame)
    {
        if (_call.Media is not { } media)
        {
            return false;
        }
        // Media statistics are snapshotted about once a second: the session ends after the RTP
        // session is closed, and the call record still wants the figures.
        if (++_framesSinceSnapshot >= 50)
        {
            _framesSinceSnapshot = 0;
            _lastQuality = Snapshot(media.GetStatistics());
        }
        return media.TryReadFrame(frame);
    }

    public void WriteFrame(ReadOnlySpan<short> frame) => _call.Media?.WriteFrame(frame);

    public async Task SendDtmfAsync(string digits, CancellationToken cancellationToken)
    {
        foreach (var digit in digits)
        {
            _call.Media?.SendDtmf(digit);
            // One digit's 160 ms tone plus an inter-digit gap, as a phone keypad would.
            await Task.Delay(TimeSpan.FromMilliseconds(250), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<bool> TransferAsync(string target, CancellationToken cancellationToken)
    {
        if (!SipUri.TryParse(TransferTargets.ToUri(target, _call.Peer.Address.Address.ToString()), out var uri) || uri is null)
        {
            return false;
        }
        var status = await _call.TransferAsync(uri).WaitAsync(cancellationToken).ConfigureAwait(false);
        return status is >= 200 and < 300;
    }

    public async Task<ICallLine?> ConsultAsync(string target, CancellationToken cancellationToken)
    {
        var (text, viaPbx) = TransferTargets.ToConsultUri(target, _call.Peer.Address.Address.ToString());
        if (!SipUri.TryParse(text, out var uri) || uri is null)
        {
            return null;
        }
        SipCall consultation;
        try
        {
            consultation = _call.Consult(uri, viaPbx ? _call.Peer : null);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return null; // an unresolvable host, no free RTP port, or this call already ended
        }
        try
        {
            return await consultation.WhenAnsweredAsync(cancellationToken).ConfigureAwait(false) ? new SipCallLine(consultation, _time) : null;
        }
        catch (OperationCanceledException)
        {
            // CANCEL the unanswered INVITE, without waiting: with no provisional response yet the
            // CANCEL waits for one, and the INVITE may only end at its own timeout.
            _ = consultation.HangupAsync();
            return null;
        }
    }

    public async Task<bool> CompleteTransferAsync(ICallLine consultation, CancellationToken cancellationToken)
    {
        if (consultation is not SipCallLine { _call: { State: SipCallState.Established } target })
        {
            return false;
        }
        var status = await _call.TransferAsync(target).WaitAsync(cancellationToken).ConfigureAwait(false);
        return status is >= 200 and < 300;
    }

    public Task HangUpAsync() => _call.HangupAsync();

    public CallQuality? Quality => _call.Media is { } media ? Snapshot(media.GetStatistics()) : _lastQuality;

    private static CallQuality Snapshot(RtpStatistics s) =>
        new() { PacketsReceived = s.PacketsReceived, PacketsLost = s.PacketsLost, JitterMs = s.JitterMs, Mos = s.Mos };
}

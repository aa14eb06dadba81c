using Appliance.Audio.Detection;
using Appliance.Configuration.Model;
using Appliance.Configuration.Validation;

namespace Appliance.Conversation.Session;

/// <summary>
/// Voicemail detection (agent <c>voicemail_detection</c>, outbound calls): before greeting, the
/// session listens to who answered. A person gets the normal call; an answering machine gets the
/// agent's <c>voicemail_message</c> after its beep (or a hang-up when there is none) and the call
/// ends as <see cref="CallStatuses.Voicemail"/>.
/// </summary>
public sealed partial class CallSession
{
    // The detector decides within ~5 s (InitialSilence); this bounds a pathological line.
    private static readonly TimeSpan MaxScreening = TimeSpan.FromSeconds(15);

    // After a machine verdict: leave the message at the beep, or after this much silence when the
    // machine has no beep, and never later than MaxBeepWait after the verdict.
    private static readonly TimeSpan SilenceInsteadOfBeep = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan MaxBeepWait = TimeSpan.FromSeconds(30);

    private readonly AnsweringMachineDetector? _machineDetector;
    private volatile bool _screening;
    private volatile int _verdict;
    private volatile bool _beepEnded;
    private long _verdictAtMs;
    private long _screenLastVoicedTicks;

    private static AnsweringMachineDetector? MachineDetectorFor(Agent agent, CallRecord record) =>
        agent.VoicemailDetection && record.Direction == CallDirections.Outbound ? new AnsweringMachineDetector(Rate) : null;

    /// <summary>Media tick: one echo-cancelled, not yet denoised frame (the beep is a steady tone the denoiser would take).</summary>
    private void Screen(ReadOnlySpan<short> frame)
    {
        var events = _machineDetector!.Process(frame);
        if ((events & AnsweringMachineEvents.Decided) != 0)
        {
            Interlocked.Exchange(ref _verdictAtMs, (long)_machineDetector.DecisionTime.TotalMilliseconds);
            _verdict = (int)_machineDetector.Verdict;
        }
        if ((events & AnsweringMachineEvents.BeepEnded) != 0)
        {
            _beepEnded = true;
        }
    }

    /// <summary>Media tick: the caller VAD's view while screening, for machines that have no beep.</summary>
    private void ScreenVoiced() => Interlocked.Exchange(ref _screenLastVoicedTicks, _time.GetUtcNow().UtcTicks);

    /// <summary>Listens to who answered; false when it was a machine and the call is over.</summary>
    private async Task<bool> ScreenAnswerAsync(CancellationToken ct)
    {
        SetState(CallState.Listening);
        var started = _time.GetUtcNow();
        await WaitUntilAsync(() => _verdict != (int)AnsweringMachineVerdict.Pending || _time.GetUtcNow() - started > MaxScreening, ct).ConfigureAwait(false);
        var verdict = (AnsweringMachineVerdict)_verdict;
        var verdictName = verdict == AnsweringMachineVerdict.Pending ? "unknown" : verdict.ToString().ToLowerInvariant();
        _log.Event("voicemail_detection", $"{verdictName} after {Interlocked.Read(ref _verdictAtMs) / 1000.0:0.0} s");
        if (verdict != AnsweringMachineVerdict.Machine)
        {
            _screening = false;
            Interlocked.Exchange(ref _lastHeardTicks, _time.GetUtcNow().UtcTicks);
            return true;
        }

        var message = _runtime.Agent.VoicemailMessage is { } configured ? TemplateText.Fill(configured, _variables) : null;
        if (message is { Length: > 0 })
        {
            var decided = _time.GetUtcNow();
            Interlocked.Exchange(ref _screenLastVoicedTicks, decided.UtcTicks);
            await WaitUntilAsync(() =>
            {
                var now = _time.GetUtcNow();
                return _beepEnded || now - decided > MaxBeepWait
                    || now - new DateTimeOffset(Interlocked.Read(ref _screenLastVoicedTicks), TimeSpan.Zero) > SilenceInsteadOfBeep;
            }, ct).ConfigureAwait(false);
            _log.Event(_beepEnded ? "voicemail_beep" : "voicemail_no_beep");
            await SayAsync(message, ct).ConfigureAwait(false);
        }
        _log.Update(r =>
        {
            r.Status = CallStatuses.Voicemail;
            r.EndReason = "voicemail";
        });
        _log.Event("hang_up", message is { Length: > 0 } ? "voicemail message left" : "answering machine, no voicemail message to leave");
        return false;
    }

    private async Task WaitUntilAsync(Func<bool> done, CancellationToken ct)
    {
        while (!done())
        {
            await Task.Delay(FrameDuration, _time, ct).ConfigureAwait(false);
        }
    }
}

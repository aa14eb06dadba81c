using Microsoft.Extensions.AI;
using Appliance.Configuration.Model;
using Appliance.Conversation.Lines;
using Appliance.Conversation.Providers.Tools;
using Appliance.Conversation.Providers.Tts;

namespace Appliance.Conversation.Session;

/// <summary>What the agent's built-in tools do to this call.</summary>
public sealed partial class CallSession
{
    private readonly Lock _keypadGate = new();
    private TaskCompletionSource<string>? _keypad;
    private int _keypadMax;
    private string _keypadDigits = "";

    private void OnDtmf(char digit)
    {
        _log.Event("dtmf", digit.ToString());
        if (_runtime.Agent.PushToTalk)
        {
            // On a phone line push-to-talk is the keypad: * unmutes the agent's listening, # mutes it.
            if (digit == '*')
            {
                _listening = true;
            }
            else if (digit == '#')
            {
                _listening = false;
            }
        }
        lock (_keypadGate)
        {
            if (_keypad is null)
            {
                return;
            }
            if (digit != '#')
            {
                _keypadDigits += digit;
            }
            if (digit == '#' || _keypadDigits.Length >= _keypadMax)
            {
                _keypad.TrySetResult(_keypadDigits);
                _keypad = null;
            }
        }
    }

    /// <summary>The <see cref="ICallControl"/> the LLM's built-in tools act through.</summary>
    private sealed class SessionCallControl(CallSession session) : ICallControl
    {
        private static readonly TimeSpan KeypadTimeout = TimeSpan.FromSeconds(15);
        private static readonly TimeSpan TransferTimeout = TimeSpan.FromSeconds(30);

        // Ringing the target, briefing it and the REFER, together.
        private static readonly TimeSpan WarmTransferTimeout = TimeSpan.FromSeconds(75);

        public async Task<ToolOutcome> TransferAsync(string target, bool warm, CancellationToken cancellationToken)
        {
            var agent = session._runtime.Agent;
            var destination = target.Any(char.IsAsciiDigit) || target.Contains(':', StringComparison.Ordinal) ? target : agent.TransferNumber;
            if (destination is null)
            {
                return ToolOutcome.Rejected("no transfer number is configured for this agent");
            }
            await session.DrainPlaybackAsync(cancellationToken).ConfigureAwait(false);
            session.SetState(CallState.Transferring);
            session._log.Event(warm ? "warm_transfer" : "transfer", destination);
            // Warm: the caller hears hold music while the far end is rung and briefed.
            session._mixer.IsOnHold = warm;
            // A successful transfer ends the line (the PBX takes the caller, we send BYE) and that
            // cancels the call; the outcome is still awaited so the record says what happened.
            using var outcome = new CancellationTokenSource(warm ? WarmTransferTimeout : TransferTimeout, session._time);
            bool done;
            try
            {
                done = warm
                    ? await WarmTransferAsync(destination, outcome.Token).ConfigureAwait(false)
                    : await session._line.TransferAsync(destination, outcome.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                done = false;
            }
            session._mixer.IsOnHold = false;
            session._log.Event("transfer_result", done ? "accepted" : "failed");
            if (!done)
            {
                session.SetState(CallState.Listening);
                return new ToolOutcome(false, "the transfer did not go through; tell the caller and offer to take a message");
            }
            session._log.Update(r => r.Status = CallStatuses.Transferred);
            StopAskingTheModel();
            session._ended = true;
            await session._callCts.CancelAsync().ConfigureAwait(false);
            return new ToolOutcome(true, "transferred");
        }

        /// <summary>
        /// Attended transfer: calls the target (the caller on hold), briefs whoever answers in the
        /// agent's voice on that consultation line, then joins the caller to it. Both legs go into
        /// the call record's events. False when the target does not answer, hangs up or refuses.
        /// </summary>
        private async Task<bool> WarmTransferAsync(string destination, CancellationToken cancellationToken)
        {
            // The caller hanging up while the target is rung or briefed ends the attempt.
            using var consulting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, session._callCts.Token);
            var consultation = await session._line.ConsultAsync(destination, consulting.Token).ConfigureAwait(false);
            if (consultation is null)
            {
                session._log.Event("consult_result", "not answered");
                return false;
            }
            var consultEnded = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            consultation.Ended += reason => consultEnded.TrySetResult(reason);
            session._log.Event("consult_answered", $"{destination} (call {consultation.CallId})");
            try
            {
                var summary = HandoverSummary();
                session._log.Event("handover", summary);
                await SpeakOnAsync(consultation, summary, consultEnded.Task, consulting.Token).ConfigureAwait(false);
                if (consultEnded.Task.IsCompleted)
                {
                    session._log.Event("consult_result", "the target hung up: " + consultEnded.Task.Result);
                    return false;
                }
                var done = await session._line.CompleteTransferAsync(consultation, cancellationToken).ConfigureAwait(false);
                session._log.Event("consult_result", done ? "joined" : "the transfer was refused");
                return done;
            }
            finally
            {
                // After a transfer the target ends the replaced leg itself; our BYE then only makes sure.
                if (!consultEnded.Task.IsCompleted)
                {
                    await consultation.HangUpAsync().ConfigureAwait(false);
                }
            }
        }

        /// <summary>What the target hears before the caller is put through: who calls and their last words.</summary>
        private string HandoverSummary()
        {
            string? said = null;
            for (var i = session._history.Count - 1; i >= 0 && said is null; i--)
            {
                // Cues the session writes for the model are in parentheses; they are not the caller's words.
                if (session._history[i] is { Role.Value: "user", Text: { Length: > 0 } text } && text[0] != '(')
                {
                    said = text.Length > 200 ? text[..200] : text;
                }
            }
            var caller = session._line.CallerNumber is { Length: > 0 } number ? "a caller from " + number : "a caller";
            var name = session._runtime.Agent.Name;
            return said is null
                ? $"Hello, this is {name}. I have {caller} for you. Connecting you now."
                : $"Hello, this is {name}. I have {caller} for you, who said: {said}. Connecting you now.";
        }

        /// <summary>Speaks on another line (the consultation leg) at one frame per 20 ms, until it is said or the line ends.</summary>
        private async Task SpeakOnAsync(ICallLine line, string text, Task lineEnded, CancellationToken cancellationToken)
        {
            var request = new SpeechRequest(text, Rate)
            {
                Voice = session._runtime.Agent.VoiceId,
                Language = session.Language,
                Pronunciations = session._runtime.Pronunciations(),
            };
            var heard = new short[FrameSamples];
            using var pace = new PeriodicTimer(FrameDuration, session._time);
            await foreach (var frame in session._providers.TextToSpeech.SynthesizeAsync(request, cancellationToken).ConfigureAwait(false))
            {
                if (lineEnded.IsCompleted)
                {
                    return;
                }
                line.WriteFrame(frame.Span);
                // The target's replies are not listened to; reading keeps its receive buffer drained.
                line.TryReadFrame(heard);
                await pace.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        public Task<ToolOutcome> SwitchLanguageAsync(string language, CancellationToken cancellationToken) =>
            Task.FromResult(session.SwitchLanguage(language));

        public Task<ToolOutcome> EndConversationAsync(string? reason, CancellationToken cancellationToken)
        {
            session._endAfterSpeaking = true;
            StopAskingTheModel();
            session._log.Event("end_conversation", reason);
            return Task.FromResult(new ToolOutcome(true, "the call ends after your last words"));
        }

        public async Task<ToolOutcome> SendDtmfAsync(string digits, CancellationToken cancellationToken)
        {
            session._log.Event("dtmf_sent", digits);
            await session._line.SendDtmfAsync(digits, cancellationToken).ConfigureAwait(false);
            return new ToolOutcome(true, "sent " + digits);
        }

        public async Task<ToolOutcome> CollectKeypadInputAsync(int maxDigits, CancellationToken cancellationToken)
        {
            TaskCompletionSource<string> pending;
            lock (session._keypadGate)
            {
                session._keypadDigits = "";
                session._keypadMax = maxDigits;
                pending = session._keypad = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            using var deadline = new CancellationTokenSource(KeypadTimeout, session._time);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            try
            {
                var digits = await pending.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
                session._log.Event("keypad_input", digits);
                return new ToolOutcome(true, digits);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lock (session._keypadGate)
                {
                    session._keypad = null;
                    return session._keypadDigits.Length > 0 ? new ToolOutcome(true, session._keypadDigits) : new ToolOutcome(false, "no digits were typed");
                }
            }
        }

        /// <summary>The call is over: the model is not asked for more words after this tool.</summary>
        private static void StopAskingTheModel()
        {
            if (FunctionInvokingChatClient.CurrentContext is { } context)
            {
                context.Terminate = true;
            }
        }

        public Task<ToolOutcome> NaturalEndingAsync(CancellationToken cancellationToken) =>
            EndConversationAsync("natural ending", cancellationToken);
    }
}

using Microsoft.Extensions.AI;
using Appliance.Configuration.Model;
using Appliance.Conversation.Providers.Tools;

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
            // Warm transfer on this line type: the caller hears hold music while the far end is rung.
            session._mixer.IsOnHold = warm;
            // A successful transfer ends the line (the PBX takes the caller, we send BYE) and that
            // cancels the call; the outcome is still awaited so the record says what happened.
            using var outcome = new CancellationTokenSource(TransferTimeout, session._time);
            bool done;
            try
            {
                done = await session._line.TransferAsync(destination, outcome.Token).ConfigureAwait(false);
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

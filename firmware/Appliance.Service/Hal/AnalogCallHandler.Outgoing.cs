using Appliance.Configuration.Model;
using Appliance.Configuration.Store;
using Appliance.Configuration.Validation;
using Appliance.Conversation.Lines;
using Appliance.Hal.Line;

namespace Appliance.Service.Hal;

/// <summary>
/// Outgoing calls on the analog line (POST /v1/calls): the line dials, and once the far end answers
/// (the line's ringback-then-quiet rule) the call runs as a session like an incoming one.
/// </summary>
internal sealed partial class AnalogCallHandler
{
    /// <summary>
    /// Whether an outgoing call leaves on the analog line: the box has one, the target is a number
    /// (not a sip: URI), and either <paramref name="fromNumber"/> is the line's own number, or no SIP
    /// route reaches the target and an analog_line connection is configured (so the embedded default's
    /// simulated line never dials by surprise).
    /// </summary>
    public bool Carries(string to, string? fromNumber, bool sipCanReach) =>
        _line is not null && !to.Contains(':', StringComparison.Ordinal)
        && ((fromNumber is not null && fromNumber == LineNumber(configuration["Hal:LineNumber"]))
            || (!sipCanReach && store.ListConnections().Any(c => c.Enabled && c.Type == ConnectionTypes.AnalogLine)));

    /// <summary>Dials <paramref name="to"/>; the record is returned at once and completed as the call goes.</summary>
    public CallRecord PlaceCall(Agent agent, string to, IReadOnlyDictionary<string, string>? variables)
    {
        var line = _line ?? throw new InvalidOperationException("the box has no analog line");
        var lineNumber = LineNumber(configuration["Hal:LineNumber"]);
        var outcome = new TaskCompletionSource<CallEndReason?>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? callId = null;
        // Subscribed before dialling: the line cannot answer or end before the id is known (dial
        // tone alone takes longer), but nothing is missed either way.
        EventHandler<LineCallEventArgs> answered = (_, e) =>
        {
            if (e.CallId == Volatile.Read(ref callId))
            {
                outcome.TrySetResult(null);
            }
        };
        EventHandler<LineCallEndedEventArgs> ended = (_, e) =>
        {
            if (e.CallId == Volatile.Read(ref callId))
            {
                outcome.TrySetResult(e.Reason);
            }
        };
        line.Answered += answered;
        line.CallEnded += ended;
        try
        {
            Volatile.Write(ref callId, line.Dial(to) ?? throw new ConflictException("to", "the analog line is in use"));
        }
        catch (ArgumentException ex)
        {
            Unsubscribe();
            throw ValidationException.For("to", ex.Message);
        }
        catch
        {
            Unsubscribe();
            throw;
        }
        var record = calls.OpenRecord(TelephonyProviders.Analog, CallDirections.Outbound, lineNumber, to, agent);
        _ = RunOutgoingAsync(callId!, outcome.Task, to, lineNumber, agent, record, variables, Unsubscribe);
        return record;

        void Unsubscribe()
        {
            line.Answered -= answered;
            line.CallEnded -= ended;
        }
    }

    private async Task RunOutgoingAsync(string callId, Task<CallEndReason?> outcome, string to, string? lineNumber, Agent agent,
        CallRecord record, IReadOnlyDictionary<string, string>? variables, Action unsubscribe)
    {
        try
        {
            // The line itself gives up (no dial tone, busy, no answer after its timeout); this only
            // stops the wait when the box shuts down.
            var reason = await outcome.WaitAsync(_stopping.Token).ConfigureAwait(false);
            unsubscribe();
            if (reason is { } r)
            {
                calls.CloseUnanswered(record, CallStatuses.Failed, $"not answered: {r}");
                return;
            }
            LastCallAt = time.GetUtcNow();
            var line = AnalogCallLine.ForOutgoing(_line!, _pump!, callId, to, lineNumber, time);
            await calls.RunAsync(line, agent, record, _stopping.Token, variables).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            unsubscribe();
            _line?.HangUp();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Outgoing analog call {CallId} failed", callId);
            _line?.HangUp();
        }
    }
}

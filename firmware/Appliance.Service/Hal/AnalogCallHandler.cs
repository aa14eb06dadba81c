using Appliance.Configuration.Model;
using Appliance.Configuration.Store;
using Appliance.Conversation.Lines;
using Appliance.Conversation.Routing;
using Appliance.Hal.Line;

namespace Appliance.Service.Hal;

/// <summary>
/// Takes the analog line's calls the way SipHost takes SIP calls: the called number is the phone
/// number configured on the enabled analog_line connection (else <c>Hal:LineNumber</c>), the router
/// picks the agent (or the default agent), and the call runs as a session on an
/// <see cref="AnalogCallLine"/>; the record's line is "analog" and keeps the caller ID.
/// </summary>
internal sealed partial class AnalogCallHandler(ConfigurationStore store, CallRouter router, CallCoordinator calls, TimeProvider time,
    IConfiguration configuration, ILogger<AnalogCallHandler> logger) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private IAnalogLine? _line;
    private LineAudioPump? _pump;

    /// <summary>When the last call came in (the test-mode API's "since the last call").</summary>
    public DateTimeOffset? LastCallAt { get; private set; }

    public void Attach(IAnalogLine line, LineAudioPump pump)
    {
        _line = line;
        _pump = pump;
        line.IncomingCall += (_, call) => _ = HandleAsync(call);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    /// <summary>The number the analog line answers as: a number on the analog_line connection, else the configured one.</summary>
    public string? LineNumber(string? configured)
    {
        var analog = store.ListConnections().FirstOrDefault(c => c.Enabled && c.Type == ConnectionTypes.AnalogLine);
        if (analog is not null && store.ListPhoneNumbers().FirstOrDefault(n => n.ConnectionId == analog.Id) is { } number)
        {
            return number.Number;
        }
        return configured;
    }

    private async Task HandleAsync(IncomingLineCallEventArgs call)
    {
        LastCallAt = time.GetUtcNow();
        var line = new AnalogCallLine(_line!, _pump!, call, time);
        try
        {
            var called = LineNumber(call.CalledNumber);
            var decision = router.Route(called);
            var agent = decision switch
            {
                RouteDecision.Answer answer => answer.Agent,
                RouteDecision.Forward forward => forward.Agent,
                _ => null,
            };
            var record = calls.OpenRecord(TelephonyProviders.Analog, CallDirections.Inbound, call.CallerNumber, called, agent);
            if (call.CallerId is { } id)
            {
                record.Events.Add(new CallEvent { At = time.GetUtcNow(), Type = "caller_id", Detail = id.Name is null ? id.Number : $"{id.Name} <{id.Number}>" });
                store.SaveCallRecord(record);
            }
            switch (decision)
            {
                case RouteDecision.Refuse refuse:
                    await line.HangUpAsync().ConfigureAwait(false);
                    calls.CloseUnanswered(record, CallStatuses.Refused, refuse.Reason);
                    return;
                case RouteDecision.Forward forward:
                    var moved = await line.TransferAsync(forward.Target, _stopping.Token).ConfigureAwait(false);
                    calls.CloseUnanswered(record, moved ? CallStatuses.Forwarded : CallStatuses.Failed, forward.Reason);
                    return;
            }
            await calls.RunAsync(line, agent!, record, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Analog call {CallId} failed", call.CallId);
            await line.HangUpAsync().ConfigureAwait(false);
        }
    }
}

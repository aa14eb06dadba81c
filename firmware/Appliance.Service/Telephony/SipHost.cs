using System.Net;
using System.Threading.Channels;
using Appliance.Configuration.Model;
using Appliance.Configuration.Store;
using Appliance.Configuration.Validation;
using Appliance.Conversation.Lines;
using Appliance.Conversation.Routing;
using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transport;
using Appliance.Telephony.Sip.UserAgent;

namespace Appliance.Service.Telephony;

/// <summary>
/// Runs the SIP user agent for the box's life: listens (127.0.0.1:5060 by default; Sip:Address,
/// Sip:Port or --sip-port), registers to each PBX connection, trusts each trunk's addresses (and
/// loopback), challenges other callers for a connection's credentials, re-applies connections when
/// they change through the API, and hands every inbound call to the router and then to a call session.
/// </summary>
internal sealed class SipHost(ConfigurationStore store, CallRouter router, CallCoordinator calls, IConfiguration configuration,
    TimeProvider time, ILogger<SipHost> logger, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    // One pending "connections changed" is enough: a reload reads them all.
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private SipUserAgent? _agent;
    private Task _reloads = Task.CompletedTask;
    private int _stopped;

    public SipUserAgent? UserAgent => _agent;

    /// <summary>The connection set in force (registrations with the connections they belong to).</summary>
    public SipConnectionSet Connections { get; private set; } = SipConnectionSet.From([]);

    /// <summary>Recent SIP messages, redacted (GET /v1/system/sip/trace).</summary>
    public SipTrace Trace { get; } = new(time);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var address = IPAddress.TryParse(configuration["Sip:Address"], out var a) ? a : IPAddress.Loopback;
        var port = int.TryParse(configuration["Sip:Port"], out var p) && p is >= 0 and <= 65535 ? p : 5060;
        var set = Connections = SipConnectionSet.From(store.ListConnections());
        _agent = SipUserAgent.Start(new SipUserAgentOptions
        {
            Transport = new SipTransportOptions { BindAddress = address, Port = port, Trace = Trace },
            Registrations = set.Registrations,
            TrustedPeers = set.TrustedPeers,
            InboundCredentials = set.InboundCredentials,
        }, time, loggers.CreateLogger("Appliance.Sip"));
        _agent.IncomingCall += OnIncomingCall;
        store.ConnectionsChanged += OnConnectionsChanged;
        _reloads = ReloadOnChangesAsync(_agent, _stopping.Token);
        logger.LogInformation("SIP listening on udp/{Udp} tcp/{Tcp}, {Registrations} registration(s), {Trusted} trusted peer(s)",
            _agent.UdpEndPoint, _agent.TcpEndPoint, set.Registrations.Count, set.TrustedPeers.Count);
        return Task.CompletedTask;
    }

    private void OnConnectionsChanged() => _changes.Writer.TryWrite(true);

    /// <summary>Applies connection changes made through the API while the box runs: no restart, calls untouched.</summary>
    private async Task ReloadOnChangesAsync(SipUserAgent agent, CancellationToken cancellationToken)
    {
        try
        {
            while (await _changes.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                _changes.Reader.TryRead(out _);
                try
                {
                    var set = SipConnectionSet.From(store.ListConnections());
                    await agent.ReconfigureAsync(set.Registrations, set.TrustedPeers, set.InboundCredentials).ConfigureAwait(false);
                    Connections = set;
                    logger.LogInformation("SIP connections applied: {Registrations} registration(s), {Trusted} trusted peer(s)",
                        set.Registrations.Count, set.TrustedPeers.Count);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Applying changed SIP connections failed; the previous ones stay in force");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The box is stopping.
        }
    }

    private void OnIncomingCall(SipCall call) => _ = HandleAsync(call);

    private async Task HandleAsync(SipCall call)
    {
        var called = call.RequestUser ?? call.ToUser;
        var caller = call.RemoteParty.Uri.User;
        try
        {
            var decision = router.Route(called);
            var agent = decision switch
            {
                RouteDecision.Answer answer => answer.Agent,
                RouteDecision.Forward forward => forward.Agent,
                _ => null,
            };
            var record = calls.OpenRecord(TelephonyProviders.Sip, CallDirections.Inbound, caller, called, agent);
            switch (decision)
            {
                case RouteDecision.Refuse refuse:
                    call.Reject(refuse.StatusCode, ReasonPhrase(refuse.StatusCode), refuse.Reason);
                    calls.CloseUnanswered(record, CallStatuses.Refused, refuse.Reason);
                    return;
                case RouteDecision.Forward forward when SipUri.TryParse("tel:" + forward.Target, out var target) && target is not null:
                    call.Redirect(target);
                    calls.CloseUnanswered(record, CallStatuses.Forwarded, forward.Reason);
                    return;
            }
            call.Ring();
            if (!call.Accept())
            {
                calls.CloseUnanswered(record, CallStatuses.Failed, "the call could not be answered (no common codec or no free RTP port)");
                return;
            }
            await calls.RunAsync(new SipCallLine(call, time), agent!, record, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Inbound call {CallId} failed", call.CallId);
            if (call.State == SipCallState.Offering)
            {
                call.Reject(500, "Server Internal Error", "the box could not take the call");
            }
        }
    }

    /// <summary>
    /// Places an outbound call for <paramref name="agent"/> (POST /v1/calls): through the first PBX or
    /// trunk connection for a number or extension, or straight to a sip: URI. Returns the call record
    /// at once; the session runs when the far end answers.
    /// </summary>
    public CallRecord PlaceCall(Agent agent, string to, string? fromNumber, IReadOnlyDictionary<string, string>? variables)
    {
        var ua = _agent ?? throw new InvalidOperationException("SIP is not running");
        if (OutboundTarget(to) is not { } target)
        {
            throw ValidationException.For("to", "needs a PBX or SIP trunk connection to call a number or extension; configure one, or call a sip: URI");
        }
        var self = new SipNameAddress(new SipUri("sip", fromNumber ?? "appliance", ua.UdpEndPoint.Address.ToString()));
        var record = calls.OpenRecord(TelephonyProviders.Sip, CallDirections.Outbound, fromNumber, to, agent);
        var call = ua.Call(target, destination: null, from: self);
        var answered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        call.Established += _ => answered.TrySetResult(true);
        call.Ended += (_, reason) => answered.TrySetResult(false);
        _ = RunOutboundAsync(call, answered.Task, agent, record, variables);
        return record;
    }

    private async Task RunOutboundAsync(SipCall call, Task<bool> answered, Agent agent, CallRecord record, IReadOnlyDictionary<string, string>? variables)
    {
        try
        {
            var ok = await answered.WaitAsync(TimeSpan.FromSeconds(60), time, _stopping.Token).ConfigureAwait(false);
            if (!ok)
            {
                calls.CloseUnanswered(record, CallStatuses.Failed, call.EndReason is { } r ? $"not answered: {r.Cause} {r.StatusCode}" : "not answered");
                return;
            }
            await calls.RunAsync(new SipCallLine(call, time), agent, record, _stopping.Token, variables).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await call.HangupAsync().ConfigureAwait(false);
            calls.CloseUnanswered(record, CallStatuses.Failed, "no answer within 60 s");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Outbound call {CallId} failed", call.CallId);
            calls.CloseUnanswered(record, CallStatuses.Failed, ex.GetType().Name);
        }
    }

    /// <summary>Whether an outgoing call to <paramref name="to"/> has a SIP route (a sip: URI, or a PBX/trunk connection).</summary>
    public bool CanReach(string to) => OutboundTarget(to) is not null;

    private SipUri? OutboundTarget(string to)
    {
        if (to.StartsWith("sip:", StringComparison.OrdinalIgnoreCase))
        {
            return SipUri.TryParse(to, out var direct) ? direct : null;
        }
        foreach (var c in store.ListConnections())
        {
            if (c.Enabled && c.Host is not null && c.Type is ConnectionTypes.SipRegistration or ConnectionTypes.SipTrunk)
            {
                var port = c.Port is { } p ? ":" + p.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
                return SipUri.TryParse($"sip:{to}@{c.Host}{port}", out var viaPbx) ? viaPbx : null;
            }
        }
        return null;
    }

    private static string ReasonPhrase(int status) => status switch
    {
        403 => "Forbidden",
        404 => "Not Found",
        480 => "Temporarily Unavailable",
        486 => "Busy Here",
        _ => "Service Unavailable",
    };

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop and dispose may both run (the container disposes what the host stopped): only the first acts.
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        store.ConnectionsChanged -= OnConnectionsChanged;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _reloads.ConfigureAwait(false);
        if (_agent is not null)
        {
            await _agent.DisposeAsync().ConfigureAwait(false);
            _agent = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);
}

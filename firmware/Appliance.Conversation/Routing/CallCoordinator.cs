using System.Collections.Concurrent;
using Appliance.Configuration.Model;
using Appliance.Configuration.Store;
using Appliance.Conversation.Lines;
using Appliance.Conversation.Providers;
using Appliance.Conversation.Providers.Email;
using Appliance.Conversation.Providers.Fallback;
using Appliance.Conversation.Providers.Webhook;
using Appliance.Conversation.Session;
using Microsoft.Extensions.Logging;

namespace Appliance.Conversation.Routing;

/// <summary>
/// Runs answered calls: builds each call's provider chains from the configured connections, starts
/// its session, keeps the list of active calls for the dashboard, and makes sure every call ends in
/// a saved record, whatever happens.
/// </summary>
public sealed class CallCoordinator(ConfigurationStore store, ProviderChainFactory providerFactory, CallSessionServices services,
    CallConfigurationClient configurationClient)
{
    private readonly ConcurrentDictionary<string, CallSession> _active = new(StringComparer.Ordinal);

    public IReadOnlyCollection<CallSession> ActiveCalls => [.. _active.Values];

    /// <summary>A record for a call that is ringing, saved at once so even a refused call is logged.</summary>
    public CallRecord OpenRecord(string line, string direction, string? caller, string? called, Agent? agent)
    {
        var record = new CallRecord
        {
            Line = line,
            Direction = direction,
            CallerNumber = caller,
            CalledNumber = called,
            AgentId = agent?.Id,
            AgentName = agent?.Name,
            Project = agent?.Project ?? Projects.Default,
            StartedAt = services.Time.GetUtcNow(),
        };
        store.SaveCallRecord(record);
        return record;
    }

    /// <summary>Closes a call that was not answered (refused, forwarded, cancelled).</summary>
    public void CloseUnanswered(CallRecord record, string status, string reason)
    {
        record.Status = status;
        record.EndReason = reason;
        record.EndedAt = services.Time.GetUtcNow();
        store.SaveCallRecord(record);
        services.Logger.LogInformation("Call from {Caller} to {Called} {Status}: {Reason}", record.CallerNumber, record.CalledNumber, status, reason);
    }

    /// <summary>Runs an answered call with <paramref name="agent"/> until it ends.</summary>
    public async Task RunAsync(ICallLine line, Agent agent, CallRecord record, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? variables = null)
    {
        var (callAgent, fromEndpoint) = await configurationClient.ApplyAsync(agent, line.CallId, line.CallerNumber, line.CalledNumber, cancellationToken).ConfigureAwait(false);
        if (variables is not null)
        {
            foreach (var (name, value) in variables)
            {
                fromEndpoint.TryAdd(name, value);
            }
        }
        agent = callAgent;
        var call = new WebhookCallContext(line.CallId, agent.Id, line.CallerNumber, line.CalledNumber);
        await using var extensions = await CallExtensions.OpenAsync(agent, call, providerFactory.Http, services.Time, services.Logger, cancellationToken).ConfigureAwait(false);
        // Per-call variables: the outbound request's and the configuration endpoint's win over before_call's.
        foreach (var (name, value) in extensions.Variables)
        {
            fromEndpoint.TryAdd(name, value);
        }
        variables = fromEndpoint;
        var providers = providerFactory.ForCall(ProviderEndpoints.From(store.ListConnections()), report => OnStageReport(record, report));
        if (agent.VoiceMode == VoiceModes.Webhook && agent.WebhookUrl is { } url)
        {
            var webhook = new WebhookEndpoint { Name = agent.Name + "-webhook", Url = new Uri(url), Secret = agent.WebhookSecret };
            providers = providers with { Language = providerFactory.WebhookAnswerer(webhook, call, providers.Language, report => OnStageReport(record, report)) };
        }
        var session = new CallSession(line, agent, providers, record, services, variables, extensions, Mailer(agent));
        _active[line.CallId] = session;
        try
        {
            await session.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _active.TryRemove(line.CallId, out _);
            await session.DisposeAsync().ConfigureAwait(false);
            await SendAfterCallAsync(extensions, record).ConfigureAwait(false);
        }
    }

    /// <summary>The agent's smtp connection (email_server_id), else the box's first enabled one; null when there is none.</summary>
    private SmtpMailer? Mailer(Agent agent)
    {
        var smtp = agent.EmailServerId is { } id ? store.GetConnection(id) : null;
        if (smtp is not { Type: ConnectionTypes.Smtp, Enabled: true })
        {
            smtp = null;
            foreach (var c in store.ListConnections())
            {
                if (c is { Type: ConnectionTypes.Smtp, Enabled: true, Host: not null, FromAddress: not null })
                {
                    smtp = c;
                    break;
                }
            }
        }
        return smtp is { Host: { } host, FromAddress: { } from }
            ? new SmtpMailer(new SmtpServer
            {
                Host = host, Port = smtp.Port, Transport = smtp.Transport, Username = smtp.Username, Password = smtp.Password,
                FromAddress = from, Timeout = TimeSpan.FromMilliseconds(smtp.TimeoutMs),
            }, services.Time)
            : null;
    }

    /// <summary>after_call webhooks get the finished record; the record keeps their outcome.</summary>
    private async Task SendAfterCallAsync(CallExtensions extensions, CallRecord record)
    {
        try
        {
            // Not tied to the call's token: the call is over, the box may be stopping, the summary still goes.
            await extensions.FinishAsync(record, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            store.SaveCallRecord(record);
        }
    }

    private static void OnStageReport(CallRecord record, StageReport report)
    {
        if (report.Degraded && !record.Degraded)
        {
            // Only flips once; the session saves the record at its next turn.
            record.Degraded = true;
        }
    }
}

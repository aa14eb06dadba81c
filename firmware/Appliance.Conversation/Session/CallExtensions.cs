using System.Text.Json.Nodes;
using System.Threading.Channels;
using Appliance.Configuration.Model;
using Appliance.Configuration.Validation;
using Appliance.Conversation.Providers.Tools;
using Appliance.Conversation.Providers.Webhook;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Appliance.Conversation.Session;

/// <summary>
/// An agent's extensions for one call: the before_call webhooks and MCP connections at call start,
/// the during_call webhooks and MCP tools the agent's <c>tools</c> list names (each under its
/// deadline), event_message / event_action notifications sent in order off the audio path, and the
/// after_call webhook with the call's summary. A webhook or MCP server that fails is logged and
/// recorded; the call goes on without it.
/// </summary>
public sealed class CallExtensions : IAsyncDisposable
{
    private const int MaxQueuedEvents = 256;
    private readonly WebhookEventNotifier? _notifier;
    private readonly IReadOnlyList<McpToolSource> _mcp;
    private readonly ILogger _logger;
    private readonly Channel<Func<Task<IReadOnlyList<WebhookDelivery>>>> _events =
        Channel.CreateBounded<Func<Task<IReadOnlyList<WebhookDelivery>>>>(new BoundedChannelOptions(MaxQueuedEvents) { SingleReader = true });
    private readonly Task _pump;
    private readonly List<(string Type, string Detail)> _pending = [];
    private readonly bool _hasSubscribers;
    private volatile Action<string, string?>? _record;

    private CallExtensions(WebhookEventNotifier? notifier, IReadOnlyList<McpToolSource> mcp, IReadOnlyList<AIFunction> tools,
        Dictionary<string, string> variables, bool hasSubscribers, ILogger logger)
    {
        _notifier = notifier;
        _mcp = mcp;
        Tools = tools;
        Variables = variables;
        _hasSubscribers = hasSubscribers;
        _logger = logger;
        _pump = PumpAsync();
    }

    /// <summary>The extension tools offered to the model (already time-limited).</summary>
    public IReadOnlyList<AIFunction> Tools { get; }

    /// <summary>Template variables the before_call webhooks answered with.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>Calls the before_call webhooks and connects the MCP servers, all at once, each under its own deadline.</summary>
    public static async Task<CallExtensions> OpenAsync(Agent agent, WebhookCallContext call, HttpClient http, TimeProvider time, ILogger logger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var webhooks = ExtensionDefinitions.Webhooks(agent, logger);
        var notifier = new WebhookEventNotifier(webhooks, call, http, time);
        var before = notifier.BeforeCallAsync(cancellationToken);
        var connecting = new List<(McpServerEndpoint Server, Task<McpToolSource> Source)>();
        foreach (var server in ExtensionDefinitions.McpServers(agent, logger))
        {
            connecting.Add((server, McpToolSource.ConnectAsync(server, http, time, cancellationToken)));
        }

        var sources = new List<McpToolSource>();
        var notes = new List<(string, string)>();
        var tools = new List<AIFunction>();
        foreach (var webhook in webhooks)
        {
            if (webhook.Conditions.Contains(WebhookCondition.DuringCall) && agent.Tools.Contains(webhook.Name))
            {
                try
                {
                    tools.Add(new TimeLimitedFunction(new WebhookFunction(webhook, call, http, time), webhook.Endpoint.Timeout, time));
                }
                catch (ArgumentException e)
                {
                    logger.LogWarning("Webhook tool {Webhook} of agent {Agent} not offered: {Error}", webhook.Name, agent.Name, e.Message);
                }
            }
        }
        foreach (var (server, source) in connecting)
        {
            try
            {
                var connected = await source.ConfigureAwait(false);
                sources.Add(connected);
                AddNamedTools(agent, connected.Tools, tools);
                notes.Add(("mcp_connected", $"{server.Name}: {connected.Tools.Count} tools"));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Timeouts, refused connections, protocol errors: the call goes on without this server.
                logger.LogWarning("MCP server {Server} of agent {Agent} unavailable ({Error}); the call goes on without its tools",
                    server.Name, agent.Name, e.GetType().Name);
                notes.Add(("mcp_failed", $"{server.Name}: {e.GetType().Name}"));
            }
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var delivery in await before.ConfigureAwait(false))
        {
            notes.Add(("webhook", Describe(delivery)));
            ReadVariables(delivery, variables, logger);
        }
        var hasSubscribers = webhooks.Exists(w => w.Subscriptions.Count > 0);
        var extensions = new CallExtensions(notifier, sources, tools, variables, hasSubscribers, logger);
        extensions._pending.AddRange(notes);
        return extensions;
    }

    /// <summary>No extensions: nothing is called, nothing offered.</summary>
    public static CallExtensions None(ILogger logger) =>
        new(null, [], [], [], false, logger);

    /// <summary>Sends what happened so far, and from now on, to the call record.</summary>
    internal void AttachRecord(Action<string, string?> record)
    {
        foreach (var (type, detail) in _pending)
        {
            record(type, detail);
        }
        _pending.Clear();
        _record = record;
    }

    /// <summary>A message of the conversation for event_message subscribers (queued, never blocks).</summary>
    public void Message(string role, string text)
    {
        if (_hasSubscribers && _notifier is not null && text.Length > 0)
        {
            Queue(() => _notifier.MessageAsync(role, text, CancellationToken.None));
        }
    }

    /// <summary>An action of the agent (a tool call) for event_action subscribers (queued, never blocks).</summary>
    public void Action(string action, JsonObject? detail)
    {
        if (_hasSubscribers && _notifier is not null)
        {
            Queue(() => _notifier.ActionAsync(action, detail, CancellationToken.None));
        }
    }

    /// <summary>Delivers what is still queued, then the after_call webhooks with the call's summary.</summary>
    public async Task FinishAsync(CallRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        _events.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
        if (_notifier is null)
        {
            return;
        }
        foreach (var delivery in await _notifier.AfterCallAsync(CallSummaryJson.From(record), cancellationToken).ConfigureAwait(false))
        {
            _record?.Invoke("webhook", Describe(delivery));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _events.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
        foreach (var source in _mcp)
        {
            await source.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Queue(Func<Task<IReadOnlyList<WebhookDelivery>>> send)
    {
        if (!_events.Writer.TryWrite(send))
        {
            _logger.LogWarning("Webhook event queue full or closed; an event was dropped");
        }
    }

    /// <summary>Sends queued events one after the other, so subscribers see them in call order.</summary>
    private async Task PumpAsync()
    {
        await foreach (var send in _events.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            foreach (var delivery in await send().ConfigureAwait(false))
            {
                if (!delivery.Delivered)
                {
                    _logger.LogWarning("Webhook {Webhook} {Event} not delivered: {Detail}", delivery.Webhook, delivery.Event, delivery.Detail);
                    _record?.Invoke("webhook_failed", Describe(delivery));
                }
            }
        }
    }

    private static void AddNamedTools(Agent agent, IReadOnlyList<AIFunction> offered, List<AIFunction> tools)
    {
        foreach (var tool in offered)
        {
            if (agent.Tools.Contains(tool.Name) && !tools.Exists(t => t.Name == tool.Name))
            {
                tools.Add(tool);
            }
        }
    }

    /// <summary>before_call answers may set template variables: <c>{"template_variables": {"name": "value"}}</c>.</summary>
    private static void ReadVariables(WebhookDelivery delivery, Dictionary<string, string> variables, ILogger logger)
    {
        if (!delivery.Delivered || delivery.Reply is null)
        {
            return;
        }
        if (delivery.Reply["template_variables"] is not JsonObject values)
        {
            logger.LogInformation("before_call webhook {Webhook} answered without template_variables; ignored", delivery.Webhook);
            return;
        }
        foreach (var (name, value) in values)
        {
            if (TemplateText.IsVariableName(name) && value is JsonValue v && v.TryGetValue<string>(out var text))
            {
                variables[name] = text;
            }
            else
            {
                logger.LogWarning("before_call webhook {Webhook}: template variable {Name} ignored (not an identifier with a string value)", delivery.Webhook, name);
            }
        }
    }

    private static string Describe(WebhookDelivery delivery) =>
        $"{delivery.Webhook} {delivery.Event}: {(delivery.Delivered ? "delivered " : "failed ")}{delivery.Detail}";
}

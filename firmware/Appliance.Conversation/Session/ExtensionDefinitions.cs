using Appliance.Configuration.Model;
using Appliance.Conversation.Providers.Tools;
using Appliance.Conversation.Providers.Webhook;
using Microsoft.Extensions.Logging;

namespace Appliance.Conversation.Session;

/// <summary>The agent's stored extensions (webhooks, MCP servers) as the tool layer takes them.</summary>
internal static class ExtensionDefinitions
{
    /// <summary>Deadline for connecting to an MCP server at call start and for each of its tool calls.</summary>
    public static readonly TimeSpan McpTimeout = TimeSpan.FromSeconds(5);

    public static List<WebhookToolDefinition> Webhooks(Agent agent, ILogger logger)
    {
        var webhooks = new List<WebhookToolDefinition>();
        foreach (var spec in agent.Extensions.Webhooks)
        {
            if (!Uri.TryCreate(spec.Url, UriKind.Absolute, out var url))
            {
                // Validation refuses such URLs on save; an old record may still hold one.
                logger.LogWarning("Webhook {Webhook} of agent {Agent} has no valid url; skipped", spec.Name, agent.Name);
                continue;
            }
            var conditions = new HashSet<WebhookCondition>();
            foreach (var condition in spec.Conditions)
            {
                if (ParseCondition(condition) is { } c)
                {
                    conditions.Add(c);
                }
            }
            var subscriptions = new HashSet<WebhookSubscription>();
            foreach (var subscription in spec.Subscriptions)
            {
                if (ParseSubscription(subscription) is { } s)
                {
                    subscriptions.Add(s);
                }
            }
            webhooks.Add(new WebhookToolDefinition
            {
                Name = spec.Name,
                Description = spec.Description ?? string.Empty,
                Endpoint = new WebhookEndpoint
                {
                    Name = spec.Name,
                    Url = url,
                    Timeout = TimeSpan.FromMilliseconds(spec.TimeoutMs),
                    Headers = spec.Headers,
                },
                Method = string.Equals(spec.Method, "GET", StringComparison.OrdinalIgnoreCase) ? HttpMethod.Get : HttpMethod.Post,
                Conditions = conditions,
                Subscriptions = subscriptions,
            });
        }
        return webhooks;
    }

    /// <summary>
    /// The MCP servers worth connecting: a server whose discovered tools are known and none of them
    /// is in the agent's tools list is skipped, so it costs the call nothing.
    /// </summary>
    public static List<McpServerEndpoint> McpServers(Agent agent, ILogger logger)
    {
        var servers = new List<McpServerEndpoint>();
        foreach (var server in agent.Extensions.McpServers)
        {
            if (server.DiscoveredTools.Count > 0 && !server.DiscoveredTools.Exists(agent.Tools.Contains))
            {
                continue;
            }
            if (!Uri.TryCreate(server.McpEndpointUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                logger.LogWarning("MCP server {Server} of agent {Agent} has no valid http(s) url; skipped", server.ConnectionName, agent.Name);
                continue;
            }
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in server.AuthHeaders)
            {
                if (header.Key.Length > 0 && header.Value is { } value)
                {
                    headers[header.Key] = value;
                }
            }
            servers.Add(new McpServerEndpoint { Name = server.ConnectionName, Url = url, Headers = headers, Timeout = McpTimeout });
        }
        return servers;
    }

    private static WebhookCondition? ParseCondition(string text) => text switch
    {
        "before_call" => WebhookCondition.BeforeCall,
        "during_call" => WebhookCondition.DuringCall,
        "after_call" => WebhookCondition.AfterCall,
        _ => null,
    };

    private static WebhookSubscription? ParseSubscription(string text) => text switch
    {
        "event_message" => WebhookSubscription.EventMessage,
        "event_action" => WebhookSubscription.EventAction,
        _ => null,
    };
}

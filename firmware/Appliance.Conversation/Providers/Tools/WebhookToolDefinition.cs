using System.Text;
using System.Text.Json;
using Appliance.Conversation.Providers.Webhook;

namespace Appliance.Conversation.Providers.Tools;

/// <summary>When a webhook of the agent's extensions runs.</summary>
public enum WebhookCondition
{
    BeforeCall,
    /// <summary>During the call: the webhook is a tool the model can call.</summary>
    DuringCall,
    AfterCall,
}

/// <summary>Vocode-style subscriptions: every message of the conversation, every action the agent takes.</summary>
public enum WebhookSubscription
{
    EventMessage,
    EventAction,
}

/// <summary>One webhook of an agent's extensions.</summary>
public sealed record WebhookToolDefinition
{
    public required string Name { get; init; }
    public string Description { get; init; } = string.Empty;
    public required WebhookEndpoint Endpoint { get; init; }
    /// <summary>GET (arguments in the query string) or POST (arguments as JSON).</summary>
    public HttpMethod Method { get; init; } = HttpMethod.Post;
    public IReadOnlySet<WebhookCondition> Conditions { get; init; } = new HashSet<WebhookCondition> { WebhookCondition.DuringCall };
    public IReadOnlySet<WebhookSubscription> Subscriptions { get; init; } = new HashSet<WebhookSubscription>();
    /// <summary>JSON schema of the tool's arguments; no arguments when null.</summary>
    public JsonElement? ParametersSchema { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Name = ").Append(Name).Append(", Method = ").Append(Method).Append(", Endpoint = ").Append(Endpoint);
        return true;
    }
}

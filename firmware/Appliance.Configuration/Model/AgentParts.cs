using System.Text.Json.Nodes;

namespace Appliance.Configuration.Model;

/// <summary>A template variable usable as {{name}} in the welcome message and system prompt.</summary>
public sealed class TemplateVariable
{
    public string? DefaultValue { get; set; }
}

/// <summary>A task the agent should accomplish during the call (Phonic "tasks").</summary>
public sealed class AgentTask
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
}

/// <summary>An IPA pronunciation rule handed to text-to-speech.</summary>
public sealed class Pronunciation
{
    public string Word { get; set; } = "";
    public string Phonemes { get; set; } = "";
}

/// <summary>Endpoint POSTed at call start for per-call configuration; header values are secrets.</summary>
public sealed class ConfigurationEndpoint
{
    public string Url { get; set; } = "";
    public Dictionary<string, string> Headers { get; set; } = [];
    public int TimeoutMs { get; set; } = 3000;
}

/// <summary>Webhooks and MCP servers (seed 004 "extensions"; replaced whole on update).</summary>
public sealed class AgentExtensions
{
    public List<WebhookSpec> Webhooks { get; set; } = [];
    public List<McpServer> McpServers { get; set; } = [];
}

/// <summary>
/// An HTTP webhook: when it fires (conditions before_call / during_call / after_call) and which
/// conversation events it receives (event_message / event_action).
/// </summary>
public sealed class WebhookSpec
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string Url { get; set; } = "";
    public string Method { get; set; } = "POST";
    public List<string> Conditions { get; set; } = [];
    public List<string> Subscriptions { get; set; } = [];
    public Dictionary<string, string> Headers { get; set; } = [];
    public int TimeoutMs { get; set; } = 5000;
}

/// <summary>An MCP server in its stored shape (requests send name/url; see docs/configuration.md).</summary>
public sealed class McpServer
{
    public string ConnectionName { get; set; } = "";
    public string McpEndpointUrl { get; set; } = "";
    public string TransportType { get; set; } = "streamable_http";
    public List<HeaderEntry> AuthHeaders { get; set; } = [];
    public JsonObject? InitializationOptions { get; set; }
    public string? Fingerprint { get; set; }
    public List<string> DiscoveredTools { get; set; } = [];
    public DateTimeOffset? TestedAt { get; set; }
}

/// <summary>A header name and its (secret) value.</summary>
public sealed class HeaderEntry
{
    public string Key { get; set; } = "";
    public string? Value { get; set; }
}

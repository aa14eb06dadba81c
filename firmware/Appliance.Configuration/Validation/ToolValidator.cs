using Appliance.Configuration.Model;

namespace Appliance.Configuration.Validation;

/// <summary>
/// "tools" names built-in tools or custom tools defined on the box: an extension webhook's name or
/// a tool discovered on one of the agent's MCP servers.
/// </summary>
internal static class ToolValidator
{
    public static void Validate(Agent a, ValidationErrors e)
    {
        var ext = a.Extensions;
        Check.Count(e, "extensions.webhooks", ext.Webhooks, 20);
        for (var i = 0; i < ext.Webhooks.Count; i++)
        {
            var hook = ext.Webhooks[i];
            var path = $"extensions.webhooks[{i}]";
            Check.Length(e, path + ".name", hook.Name, 1, 100);
            Check.Length(e, path + ".url", hook.Url, 1, 2000);
            Check.HttpUrl(e, path + ".url", hook.Url);
            Check.OneOf(e, path + ".method", hook.Method, HttpMethods.All);
            Check.Range(e, path + ".timeout_ms", hook.TimeoutMs, 100, 30000);
            for (var j = 0; j < hook.Conditions.Count; j++)
            {
                Check.OneOf(e, $"{path}.conditions[{j}]", hook.Conditions[j], WebhookConditions.All);
            }
            for (var j = 0; j < hook.Subscriptions.Count; j++)
            {
                Check.OneOf(e, $"{path}.subscriptions[{j}]", hook.Subscriptions[j], WebhookSubscriptions.All);
            }
        }
        Check.Unique(e, "extensions.webhooks", ext.Webhooks.Select(w => w.Name).ToList(), StringComparer.Ordinal);

        Check.Count(e, "extensions.mcp_servers", ext.McpServers, 20);
        for (var i = 0; i < ext.McpServers.Count; i++)
        {
            var server = ext.McpServers[i];
            var path = $"extensions.mcp_servers[{i}]";
            Check.Length(e, path + ".connection_name", server.ConnectionName, 1, 100);
            Check.Length(e, path + ".mcp_endpoint_url", server.McpEndpointUrl, 1, 2000);
            Check.HttpUrl(e, path + ".mcp_endpoint_url", server.McpEndpointUrl);
            Check.OneOf(e, path + ".transport_type", server.TransportType, McpTransports.All);
            for (var j = 0; j < server.AuthHeaders.Count; j++)
            {
                Check.Length(e, $"{path}.auth_headers[{j}].key", server.AuthHeaders[j].Key, 1, 200);
            }
        }
        Check.Unique(e, "extensions.mcp_servers", ext.McpServers.Select(m => m.ConnectionName).ToList(), StringComparer.Ordinal);

        Check.Count(e, "tools", a.Tools, 100);
        Check.Unique(e, "tools", a.Tools, StringComparer.Ordinal);
        for (var i = 0; i < a.Tools.Count; i++)
        {
            var tool = a.Tools[i];
            if (Array.IndexOf(BuiltInTools.All, tool) < 0 && !IsCustomTool(a, tool))
            {
                e.Add($"tools[{i}]", $"unknown tool '{tool}': use a built-in tool ({string.Join(", ", BuiltInTools.All)}), an extensions.webhooks name or a tool of an MCP server");
            }
        }
    }

    private static bool IsCustomTool(Agent a, string tool)
    {
        foreach (var hook in a.Extensions.Webhooks)
        {
            if (hook.Name == tool)
            {
                return true;
            }
        }
        foreach (var server in a.Extensions.McpServers)
        {
            if (server.DiscoveredTools.Contains(tool))
            {
                return true;
            }
        }
        return false;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Appliance.Conversation.Providers.Tools;

/// <summary>A tool call's arguments and results as JSON, without reflection (AOT).</summary>
public static class ToolArguments
{
    public static JsonObject ToJson(AIFunctionArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var args = new JsonObject();
        foreach (var (key, value) in arguments)
        {
            args[key] = ToNode(value);
        }
        return args;
    }

    /// <summary>A tool's result as text: JSON results as their JSON, strings as they are.</summary>
    public static string ResultText(object? result) => result switch
    {
        null => "",
        string s => s,
        JsonElement element => element.ValueKind == JsonValueKind.String ? element.GetString() ?? "" : element.GetRawText(),
        JsonNode node => node.ToJsonString(),
        _ => Convert.ToString(result, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    // Model arguments arrive as JsonElement (from the wire) or as plain values (from code).
    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        JsonNode node => node.DeepClone(),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        _ => JsonValue.Create(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)),
    };
}

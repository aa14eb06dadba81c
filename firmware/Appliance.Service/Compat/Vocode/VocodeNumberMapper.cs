using System.Text.Json.Nodes;
using Appliance.Configuration.Validation;

namespace Appliance.Service.Compat.Vocode;

/// <summary>What a seed 003 update asks for: number fields, and an agent and connection given by id or inline.</summary>
internal sealed record VocodeNumberUpdate(JsonObject NumberPatch, JsonObject? InlineAgent, JsonObject? InlineConnection);

/// <summary>Seed 003 "Update number" body → a canonical phone-number patch (plus inline objects to create first).</summary>
internal static class VocodeNumberMapper
{
    public const string ConnectionPrefix = "account_connection_";

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "label", "description", "outbound_only", "example_context", "inbound_agent", "telephony_account_connection",
    };

    private static readonly HashSet<string> ConnectionFields = new(StringComparer.Ordinal) { "type", "credentials", "label", "description" };

    public static readonly DialectErrors Names = new(new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["agent_id"] = "inbound_agent",
        ["connection_id"] = "telephony_account_connection",
        ["name"] = "telephony_account_connection.label",
        ["type"] = "telephony_account_connection.type",
        ["credentials"] = "telephony_account_connection.credentials",
    });

    public static VocodeNumberUpdate ToCanonical(JsonObject body, Func<string, string?> agentIdOf, ValidationErrors errors)
    {
        var d = new DialectBody(body, errors);
        d.RefuseUnknown(Known);
        var patch = new JsonObject();
        if (d.TryString("label", out var label))
        {
            patch["label"] = label;
        }
        if (d.TryString("description", out var description))
        {
            patch["description"] = description;
        }
        if (d.TryBool("outbound_only", out var outbound))
        {
            patch["outbound_only"] = outbound ?? false;
        }
        if (d.TryObject("example_context", out var context))
        {
            patch["example_context"] = context?.DeepClone();
        }

        JsonObject? inlineAgent = null;
        if (body["inbound_agent"] is JsonObject agent)
        {
            inlineAgent = agent;
        }
        else if (d.TryString("inbound_agent", out var agentRef))
        {
            if (agentRef is null)
            {
                patch["agent_id"] = null;
            }
            else if (agentIdOf(agentRef) is { } agentId)
            {
                patch["agent_id"] = agentId;
            }
            else
            {
                errors.Add("inbound_agent", $"no agent '{agentRef}' on this box (send an agent id or name, or an inline agent object)");
            }
        }

        JsonObject? inlineConnection = null;
        if (body["telephony_account_connection"] is JsonObject connection)
        {
            inlineConnection = ConnectionOf(connection, errors);
        }
        else if (d.TryString("telephony_account_connection", out var connectionId))
        {
            patch["connection_id"] = connectionId;
        }
        return new VocodeNumberUpdate(patch, inlineAgent, inlineConnection);
    }

    /// <summary>An inline account connection ({type: account_connection_twilio, credentials: {...}}) → a canonical connection.</summary>
    private static JsonObject? ConnectionOf(JsonObject connection, ValidationErrors errors)
    {
        var d = new DialectBody(connection, errors, "telephony_account_connection.");
        d.RefuseUnknown(ConnectionFields);
        if (!d.TryString("type", out var type) || type is null || !type.StartsWith(ConnectionPrefix, StringComparison.Ordinal))
        {
            errors.Add("telephony_account_connection.type", "must be an account_connection_* type");
            return null;
        }
        d.TryObject("credentials", out var credentials);
        d.TryString("label", out var label);
        d.TryString("description", out var description);
        var canonicalType = type[ConnectionPrefix.Length..];
        return new JsonObject
        {
            ["name"] = label ?? $"vocode-{canonicalType}-{Guid.NewGuid().ToString("N")[..8]}",
            ["type"] = canonicalType,
            ["description"] = description,
            ["credentials"] = credentials?.DeepClone(),
        };
    }
}

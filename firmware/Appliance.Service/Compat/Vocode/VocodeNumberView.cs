using System.Text.Json.Nodes;
using Appliance.Configuration.Model;
using Appliance.Configuration.Store;

namespace Appliance.Service.Compat.Vocode;

/// <summary>A phone number in seed 003's response shape: exactly the twelve documented fields.</summary>
internal static class VocodeNumberView
{
    public static JsonObject From(PhoneNumber n, ConfigurationStore store)
    {
        var agent = n.AgentId is null ? null : store.GetAgent(n.AgentId);
        var connection = n.ConnectionId is null ? null : store.GetConnection(n.ConnectionId);
        return new JsonObject
        {
            ["id"] = n.Id,
            // The box has one owner; its project stands in for Vocode's user.
            ["user_id"] = n.Project,
            ["number"] = n.Number,
            ["active"] = n.Active,
            ["label"] = n.Label,
            ["inbound_agent_name"] = agent is null ? null : agent.DisplayName ?? agent.Name,
            ["outbound_only"] = n.OutboundOnly,
            ["example_context"] = n.ExampleContext?.DeepClone() ?? new JsonObject(),
            ["telephony_provider"] = connection?.Type is "twilio" or "telnyx" ? connection.Type : n.TelephonyProvider,
            ["description"] = n.Description,
            ["inbound_agent"] = n.AgentId,
            ["telephony_account_connection"] = n.ConnectionId,
        };
    }
}

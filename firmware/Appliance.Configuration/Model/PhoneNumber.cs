using System.Text.Json.Nodes;

namespace Appliance.Configuration.Model;

/// <summary>
/// A number or line the box answers on. The inbound agent is the single source of truth for
/// routing: an agent's custom_phone_numbers are the numbers whose AgentId names it.
/// </summary>
public sealed class PhoneNumber
{
    public string Id { get; set; } = "";
    public string Project { get; set; } = Projects.Default;
    public string Number { get; set; } = "";
    public string? Label { get; set; }
    public string? Description { get; set; }
    public string? AgentId { get; set; }
    public bool OutboundOnly { get; set; }
    public bool Active { get; set; } = true;
    /// <summary>The PBX/SIP trunk connection (or analog line connection) this number arrives on.</summary>
    public string? ConnectionId { get; set; }
    public string TelephonyProvider { get; set; } = TelephonyProviders.Sip;
    public JsonObject? ExampleContext { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int SchemaVersion { get; set; } = StoreSchema.CurrentVersion;
}

using System.Text.Json.Serialization;

namespace Appliance.Conversation.Reports;

/// <summary>Source-generated snake_case JSON for the reports the API serves (no reflection: Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CallLatencyReport))]
public sealed partial class ReportJsonContext : JsonSerializerContext;

using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Appliance.Configuration.Model;

namespace Appliance.Configuration.Json;

/// <summary>Source-generated JSON for the configuration model (no reflection: Native AOT safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    RespectNullableAnnotations = true,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(Agent))]
[JsonSerializable(typeof(PhoneNumber))]
[JsonSerializable(typeof(Connection))]
[JsonSerializable(typeof(ApiKey))]
[JsonSerializable(typeof(Project))]
[JsonSerializable(typeof(CallRecord))]
[JsonSerializable(typeof(JsonObject))]
public sealed partial class ConfigJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Appliance.Hal.Board;

/// <summary>Source-generated JSON for board profiles (AOT: no reflection). Unknown fields are errors, so typos surface.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(BoardProfile))]
internal sealed partial class BoardProfileJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Appliance.Conversation.Providers.Tools;

/// <summary>
/// Source-generated metadata for everything tools take or return. AIFunctionFactory must get these
/// options: with reflection-based defaults a tool fails at run time under Native AOT, with no
/// build warning (PLATFORM-NOTES).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ToolOutcome))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
internal sealed partial class ToolJsonContext : JsonSerializerContext;

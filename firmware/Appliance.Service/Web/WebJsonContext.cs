using System.Text.Json.Serialization;

namespace Appliance.Service.Web;

/// <summary>Source-generated JSON for the page's helper routes that answer with plain .NET types (Native AOT safe).</summary>
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, string[]>>))]
internal sealed partial class WebJsonContext : JsonSerializerContext;

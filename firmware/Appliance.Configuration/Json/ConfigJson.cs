using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Appliance.Configuration.Json;

/// <summary>The two ways the model is read: strictly from clients, leniently from our own store.</summary>
public static class ConfigJson
{
    /// <summary>Client input: an unknown property is an error that names it.</summary>
    public static readonly JsonSerializerOptions Strict = new(ConfigJsonContext.Default.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Stored documents: fields written by a newer firmware are skipped, not fatal.</summary>
    public static readonly JsonSerializerOptions Lenient = new(ConfigJsonContext.Default.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static JsonTypeInfo<T> Info<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}

namespace Appliance.Service.Hosting;

/// <summary>
/// Where the appliance keeps its state and listens. Every value has a default, so the box starts
/// with no configuration at all (the embedded default).
/// </summary>
internal sealed class ApplianceOptions
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>Data directory (--data DIR, APPLIANCE_DATA); the database and recordings live here.</summary>
    public string Data { get; set; } = "data";

    public string DatabasePath => Path.Combine(Path.GetFullPath(Data), "appliance.db");

    public string RecordingsDirectory => Path.Combine(Path.GetFullPath(Data), "recordings");

    public string InitialKeyPath => Path.Combine(Path.GetFullPath(Data), "initial-api-key.txt");

    /// <summary>Reads the options; the command-line spellings are mapped in <see cref="ConfigurationSetup"/>.</summary>
    public static ApplianceOptions From(IConfiguration configuration) => new()
    {
        Data = configuration["Data"] is { Length: > 0 } data ? data : "data",
    };
}

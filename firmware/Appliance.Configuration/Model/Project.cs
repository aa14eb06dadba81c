namespace Appliance.Configuration.Model;

/// <summary>A namespace for agents (Phonic's ?project=); "main" always exists.</summary>
public sealed class Project
{
    public string Name { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public int SchemaVersion { get; set; } = StoreSchema.CurrentVersion;
}

public static class Projects
{
    public const string Default = "main";
}

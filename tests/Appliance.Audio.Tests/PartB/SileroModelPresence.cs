using Appliance.Audio.Models;

namespace Appliance.Audio.Tests.PartB;

/// <summary>
/// Whether the Silero model file is present, decided once per test run. The Silero attributes use
/// it to mark tests skipped (never passed) when tools/fetch-models.sh has not run.
/// </summary>
internal static class SileroModelPresence
{
    private static readonly Lazy<string?> Reason = new(() =>
        new ModelLocator().Find(ModelFiles.SileroVadV5) is null
            ? $"{ModelFiles.SileroVadV5} not found: run tools/fetch-models.sh or set {ModelLocator.EnvironmentVariable}."
            : null);

    /// <summary>Why Silero tests cannot run, or null when the model file exists.</summary>
    public static string? SkipReason => Reason.Value;
}

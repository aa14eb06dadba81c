using System.Collections.Concurrent;
using Appliance.Audio.Models;

namespace Appliance.Audio.Tests.Vad;

/// <summary>
/// Whether a model file fetched by tools/fetch-models.sh is present, decided once per file and test
/// run. The model attributes use it to mark tests skipped (never passed) when the script has not run.
/// </summary>
internal static class ModelPresence
{
    private static readonly ConcurrentDictionary<string, string?> Reasons = new(StringComparer.Ordinal);

    /// <summary>Why tests needing <paramref name="fileName"/> cannot run, or null when it exists.</summary>
    public static string? SkipReason(string fileName) => Reasons.GetOrAdd(fileName, static f =>
        new ModelLocator().Find(f) is null
            ? $"{f} not found: run tools/fetch-models.sh or set {ModelLocator.EnvironmentVariable}."
            : null);

    /// <summary>Full path of a model file the test was not skipped for.</summary>
    public static string Path(string fileName) =>
        new ModelLocator().Find(fileName) ?? throw new FileNotFoundException(SkipReason(fileName), fileName);
}

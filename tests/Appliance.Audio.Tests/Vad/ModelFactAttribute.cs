using Appliance.Audio.Models;

namespace Appliance.Audio.Tests.Vad;

/// <summary>A fact that xunit reports as skipped when one of the named model files (<see cref="ModelFiles"/>) is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ModelFactAttribute : FactAttribute
{
    public ModelFactAttribute(params string[] fileNames)
    {
        foreach (string f in fileNames)
        {
            Skip ??= ModelPresence.SkipReason(f);
        }
    }
}

using Appliance.Audio.Models;

namespace Appliance.Audio.Tests.Vad;

/// <summary>A theory that xunit reports as skipped when the Silero model file is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SileroTheoryAttribute : TheoryAttribute
{
    public SileroTheoryAttribute()
    {
        Skip = ModelPresence.SkipReason(ModelFiles.SileroVadV5)!;
    }
}

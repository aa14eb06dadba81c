using Appliance.Audio.Models;

namespace Appliance.Audio.Tests.Vad;

/// <summary>A fact that xunit reports as skipped when the Silero model file is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SileroFactAttribute : FactAttribute
{
    public SileroFactAttribute()
    {
        Skip = ModelPresence.SkipReason(ModelFiles.SileroVadV5)!;
    }
}

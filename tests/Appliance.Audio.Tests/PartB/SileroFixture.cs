using Appliance.Audio.Models;
using Appliance.Audio.Vad;

namespace Appliance.Audio.Tests.PartB;

/// <summary>One shared Silero session for the test class; null model when the file is missing.</summary>
public sealed class SileroFixture : IDisposable
{
    public SileroFixture()
    {
        Factory = new VadClassifierFactory(new ModelLocator());
    }

    public VadClassifierFactory Factory { get; }

    /// <summary>Why Silero tests cannot run here, or null when they can.</summary>
    public string? SkipReason => Factory.UsingFallback ? Factory.FallbackReason : null;

    public void Dispose() => Factory.Dispose();
}

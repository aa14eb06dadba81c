using Appliance.Audio.Models;
using Appliance.Audio.Vad;

namespace Appliance.Audio.Tests.Vad;

/// <summary>One shared Silero session for the test class; null model when the file is missing.</summary>
public sealed class SileroFixture : IDisposable
{
    public SileroFixture()
    {
        Factory = new VadClassifierFactory(new ModelLocator());
    }

    public VadClassifierFactory Factory { get; }

    /// <summary>Why the model could not be loaded (missing or broken), or null when it loaded.</summary>
    public string? LoadFailure => Factory.UsingFallback ? Factory.FallbackReason : null;

    public void Dispose() => Factory.Dispose();
}

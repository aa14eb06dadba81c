using Xunit.Abstractions;
using Appliance.Audio.Models;
using Appliance.Audio.Tests.PartB.Signals;
using Appliance.Audio.Vad;

namespace Appliance.Audio.Tests.Vad;

// Needs .models/silero_vad_v5.onnx (tools/fetch-models.sh, which CI runs first). Without it the
// quality tests are reported as skipped ([ModelFact(ModelFiles.SileroVadV5)]/[SileroTheory]); the fallback tests still run.
// A model file that is present but fails to load is a failure, not a skip.
public class SileroVadTests(SileroFixture fixture, ITestOutputHelper output) : IClassFixture<SileroFixture>
{
    private VadClassifierFactory LoadedFactory()
    {
        Assert.Null(fixture.LoadFailure);
        return fixture.Factory;
    }

    [SileroTheory]
    [InlineData(8000)]
    [InlineData(16000)]
    // Silero alone. Issue target is 0.90 precision / 0.95 recall; measured ~0.65 / 1.00: Silero
    // (rightly) hears the five background talkers as speech during the caller's pauses. The
    // background-speech mode's TalkerGatedVad raises precision (TalkerGatedVadTests; docs/audio.md).
    public void Babble_at_5dB_keeps_full_recall(int rate)
    {
        var scene = TestScene.Babble(rate);
        using var vad = (SileroVad)LoadedFactory().Create(rate);
        var (p, r) = scene.Score(EnergyVadTests.Decide(vad, scene));
        output.WriteLine($"babble {rate} Hz: precision {p:F3} recall {r:F3}");
        Assert.True(p >= 0.60 && r >= 0.95, $"precision {p:F3} recall {r:F3}");
    }

    [ModelFact(ModelFiles.SileroVadV5)]
    public void White_noise_at_5dB_is_classified_well()
    {
        var scene = TestScene.WhiteNoise(8000);
        using var vad = (SileroVad)LoadedFactory().Create(8000);
        var (p, r) = scene.Score(EnergyVadTests.Decide(vad, scene));
        output.WriteLine($"white 8 kHz: precision {p:F3} recall {r:F3}");
        // Measured 0.86 / 0.965: the misses are frames a chunk late at onsets and offsets.
        Assert.True(p >= 0.85 && r >= 0.95, $"precision {p:F3} recall {r:F3}");
    }

    [ModelFact(ModelFiles.SileroVadV5)]
    public void Reset_gives_the_same_probabilities_as_a_fresh_instance()
    {
        short[] pcm = TestScene.ToPcm16(TestScene.CleanSpeech(8000).AsSpan(0, 160 * 100));
        using var a = (SileroVad)LoadedFactory().Create(8000);
        for (int f = 0; f < 100; f++) a.Classify(pcm.AsSpan(f * 160, 160));
        a.Reset();
        using var b = (SileroVad)LoadedFactory().Create(8000);
        for (int f = 0; f < 100; f++)
        {
            Assert.Equal(b.Classify(pcm.AsSpan(f * 160, 160)), a.Classify(pcm.AsSpan(f * 160, 160)), 5);
        }
    }

    [Fact]
    public void Missing_model_falls_back_to_energy_vad_with_a_reason()
    {
        string empty = Directory.CreateTempSubdirectory().FullName;
        using var factory = new VadClassifierFactory(new ModelLocator(explicitDirectory: empty, startDirectory: empty));
        Assert.True(factory.UsingFallback);
        Assert.Contains(ModelFiles.SileroVadV5, factory.FallbackReason, StringComparison.Ordinal);
        Assert.IsType<EnergyVad>(factory.Create(8000));
    }

    [Fact]
    public void Corrupt_model_file_falls_back_instead_of_crashing()
    {
        string dir = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllBytes(Path.Combine(dir, ModelFiles.SileroVadV5), [1, 2, 3, 4, 5]);
        using var factory = new VadClassifierFactory(new ModelLocator(explicitDirectory: dir, startDirectory: dir));
        Assert.True(factory.UsingFallback);
        Assert.IsType<EnergyVad>(factory.Create(16000));
    }

    [Fact]
    public void Locator_rejects_paths_and_prefers_the_explicit_folder()
    {
        string dir = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(dir, "x.onnx"), "x");
        var locator = new ModelLocator(explicitDirectory: dir, startDirectory: "/");
        Assert.Equal(Path.Combine(dir, "x.onnx"), locator.Find("x.onnx"));
        Assert.Null(locator.Find("y.onnx"));
        Assert.Throws<ArgumentException>(() => locator.Find("../x.onnx"));
    }
}

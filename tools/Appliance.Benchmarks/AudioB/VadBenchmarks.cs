using Appliance.Audio.Models;
using Appliance.Audio.Vad;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.AudioB;

/// <summary>
/// VAD cost per 20 ms frame at 8 kHz: the energy VAD (baseline) and Silero v5 (one 256-sample
/// chunk every 1.6 frames; per-chunk cost = per-frame x 1.6). Needs .models/ (tools/fetch-models.sh).
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class VadBenchmarks
{
    private readonly short[] _frame = new short[160];
    private EnergyVad _energy = null!;
    private VadClassifierFactory _factory = null!;
    private IVoiceActivityClassifier _silero = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(2);
        for (int i = 0; i < _frame.Length; i++)
        {
            _frame[i] = (short)(6000 * Math.Sin(i * 0.3) + rng.Next(-300, 300));
        }
        _energy = new EnergyVad(8000);
        _factory = new VadClassifierFactory(new ModelLocator());
        if (_factory.UsingFallback)
        {
            throw new InvalidOperationException(_factory.FallbackReason);
        }
        _silero = _factory.Create(8000);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        (_silero as IDisposable)?.Dispose();
        _factory.Dispose();
    }

    [Benchmark(Baseline = true)]
    public float EnergyVadFrame() => _energy.Classify(_frame);

    [Benchmark]
    public float SileroFrame() => _silero.Classify(_frame);
}

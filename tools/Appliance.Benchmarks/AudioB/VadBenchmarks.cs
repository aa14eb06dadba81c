using Appliance.Audio.Models;
using Appliance.Audio.Tests.Vad;
using Appliance.Audio.Vad;
using Appliance.Benchmarks.AudioC;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.AudioB;

/// <summary>
/// VAD cost per 20 ms frame at 8 kHz: the energy VAD (baseline), Silero v5 (one 256-sample
/// chunk every 1.6 frames; per-chunk cost = per-frame x 1.6), Silero behind the talker gate (the
/// background-speech mode's classifier) and WebRTC's VAD (libfvad wasm under Wasmtime, the issue's
/// reference). Needs .models/ (tools/fetch-models.sh).
/// </summary>
[Config(typeof(InProcessShortRunConfig))]
[MemoryDiagnoser]
public class VadBenchmarks
{
    private readonly short[] _frame = new short[160];
    private EnergyVad _energy = null!;
    private VadClassifierFactory _factory = null!;
    private IVoiceActivityClassifier _silero = null!;
    private TalkerGatedVad _gated = null!;
    private WebRtcVadReference _webrtc = null!;

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
        _gated = (TalkerGatedVad)_factory.CreateForBackgroundTalkers(8000);
        string fvad = new ModelLocator().Find(ModelFiles.WebRtcVadWasm)
            ?? throw new FileNotFoundException($"{ModelFiles.WebRtcVadWasm} not found: run tools/fetch-models.sh.");
        _webrtc = new WebRtcVadReference(fvad, 8000, mode: 0);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        (_silero as IDisposable)?.Dispose();
        _gated.Dispose();
        _webrtc.Dispose();
        _factory.Dispose();
    }

    [Benchmark(Baseline = true)]
    public float EnergyVadFrame() => _energy.Classify(_frame);

    [Benchmark]
    public float SileroFrame() => _silero.Classify(_frame);

    [Benchmark]
    public float TalkerGatedSileroFrame() => _gated.Classify(_frame);

    [Benchmark]
    public float WebRtcVadFrame() => _webrtc.Classify(_frame);
}

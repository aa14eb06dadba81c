using Appliance.Audio.Tests.Chain;
using Appliance.Benchmarks.AudioC;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.Chain;

/// <summary>
/// The whole per-call chain, one 20 ms tick at 8 kHz in both directions (<see cref="CallChain"/>,
/// linked from the audio tests: G.711 decode, echo canceller, echo detector, denoiser
/// (noise-cancellation), VAD, barge-in, turn detector; WSOLA at 1.2x, mixer with ambient bed and
/// thinking sound, G.711 encode). Baseline: the chain with the energy VAD; against it, the chain
/// with Silero v5 (needs .models/silero_vad_v5.onnx from tools/fetch-models.sh, else it says so
/// and runs the energy VAD). Calls per core = 20 ms / time per tick; real-time factor = time / 20 ms.
/// </summary>
[Config(typeof(InProcessShortRunConfig))]
[MemoryDiagnoser]
public class CallChainBenchmarks
{
    private CallChain _energy = null!;
    private CallChain _silero = null!;

    [GlobalSetup]
    public void Setup()
    {
        _energy = new CallChain(useSilero: false);
        _silero = new CallChain(useSilero: true);
        Console.WriteLine(_silero.UsesSilero ? "// SileroChain runs Silero v5." : "// Silero model not found: SileroChain runs the energy VAD.");
        // Past the warm-up every buffer is full, as in a call after its first seconds.
        for (int i = 0; i < 600; i++)
        {
            _energy.Tick();
            _silero.Tick();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _energy.Dispose();
        _silero.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void EnergyVadChain() => _energy.Tick();

    [Benchmark]
    public void SileroChain() => _silero.Tick();
}

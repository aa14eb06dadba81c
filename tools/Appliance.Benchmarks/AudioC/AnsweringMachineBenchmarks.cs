using Appliance.Audio.Detection;
using Appliance.Audio.Vad;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.AudioC;

/// <summary>
/// Answering-machine detection cost per 20 ms frame at 8 kHz (internal energy VAD + beep detector)
/// against the energy VAD alone (baseline), on a frame holding a 1 kHz tone in noise (the beep path
/// does its full Goertzel work on tonal frames).
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class AnsweringMachineBenchmarks
{
    private readonly short[] _frame = new short[160];
    private EnergyVad _vad = null!;
    private AnsweringMachineDetector _amd = null!;
    private BeepDetector _beep = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(3);
        for (int i = 0; i < _frame.Length; i++)
        {
            _frame[i] = (short)(8000 * Math.Sin(i * 2 * Math.PI * 1000 / 8000) + rng.Next(-200, 200));
        }
        _vad = new EnergyVad(8000);
        // A long machine greeting keeps the detector pending, so every frame takes the full path.
        _amd = new AnsweringMachineDetector(8000, new AnsweringMachineOptions { MachineGreeting = TimeSpan.FromSeconds(59), InitialSilence = TimeSpan.FromSeconds(59) });
        _beep = new BeepDetector(8000);
    }

    [Benchmark(Baseline = true)]
    public float EnergyVadFrame() => _vad.Classify(_frame);

    [Benchmark]
    public bool BeepDetectorFrame() => _beep.Process(_frame);

    [Benchmark]
    public AnsweringMachineEvents AnsweringMachineDetectorFrame() => _amd.Process(_frame);
}

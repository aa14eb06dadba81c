using Appliance.Audio.Denoise;
using Appliance.Audio.Models;
using Appliance.Audio.Tests.Denoise.Neural;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.AudioC;

/// <summary>
/// Denoise cost per 20 ms frame at 8 and 16 kHz: our spectral engine per mode against libspeexdsp's
/// preprocessor (baseline, denoise only) and the neural RNNoise and GTCRN (.wasm under Wasmtime,
/// including their resampling to 48/16 kHz; needs tools/fetch-models.sh) on the same noisy frames. One frame = 20 ms, so 1.5% of a
/// core (the target) is 300 µs per frame.
/// </summary>
[Config(typeof(InProcessShortRunConfig))]
[MemoryDiagnoser]
public class DenoiseBenchmarks
{
    private short[] _noisy = null!;
    private short[] _frame = null!;
    private int _position;
    private SpeexPreprocessor _speex = null!;
    private Denoiser _noise = null!;
    private Denoiser _background = null!;
    private RnnoiseReference _rnnoise = null!;
    private GtcrnReference _gtcrn = null!;

    [Params(8000, 16000)]
    public int SampleRate { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int frame = SampleRate / 50;
        var rng = new Random(5);
        // 1 s of a tone burst pattern in noise, so both speech-like and pause frames are measured.
        _noisy = new short[SampleRate];
        for (int i = 0; i < _noisy.Length; i++)
        {
            double burst = (i / frame) % 10 < 5 ? 6000 * Math.Sin(i * 2 * Math.PI * 220 / SampleRate) : 0;
            _noisy[i] = (short)(burst + rng.Next(-1500, 1500));
        }
        _frame = new short[frame];
        _speex = new SpeexPreprocessor(SampleRate);
        _noise = Denoiser.Create(Denoiser.NoiseCancellationName, SampleRate);
        _background = Denoiser.Create(Denoiser.BackgroundSpeechName, SampleRate);
        var models = new ModelLocator();
        _rnnoise = new RnnoiseReference(Required(models, ModelFiles.RnnoiseWasm), SampleRate);
        _gtcrn = new GtcrnReference(Required(models, ModelFiles.GtcrnWasm), SampleRate);
    }

    private static string Required(ModelLocator models, string file) =>
        models.Find(file) ?? throw new FileNotFoundException($"{file} not found: run tools/fetch-models.sh.", file);

    [GlobalCleanup]
    public void Cleanup()
    {
        _speex.Dispose();
        _rnnoise.Dispose();
        _gtcrn.Dispose();
    }

    private Span<short> NextFrame()
    {
        _noisy.AsSpan(_position, _frame.Length).CopyTo(_frame);
        _position = (_position + _frame.Length) % _noisy.Length;
        return _frame;
    }

    [Benchmark(Baseline = true)]
    public void SpeexFrame() => _speex.Process(NextFrame());

    [Benchmark]
    public void NoiseCancellationFrame() => _noise.Process(NextFrame());

    [Benchmark]
    public void BackgroundSpeechFrame() => _background.Process(NextFrame());

    [Benchmark]
    public void RnnoiseFrame() => _rnnoise.Process(NextFrame());

    [Benchmark]
    public void GtcrnFrame() => _gtcrn.Process(NextFrame());
}

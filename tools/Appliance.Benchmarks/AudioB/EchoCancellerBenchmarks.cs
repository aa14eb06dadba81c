using Appliance.Audio.Echo;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.AudioB;

/// <summary>
/// One 20 ms frame at 8 kHz through the 128 ms (1024-tap) line echo canceller, against a naive
/// scalar NLMS of the same length as baseline. Issue target: 25 µs per frame, 0 bytes.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class EchoCancellerBenchmarks
{
    private const int Frame = 160;
    private readonly short[] _mic = new short[Frame];
    private readonly short[] _ref = new short[Frame];
    private readonly short[] _out = new short[Frame];
    private LineEchoCanceller _aec = null!;
    private NaiveNlms _naive = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        for (int i = 0; i < Frame; i++)
        {
            _ref[i] = (short)rng.Next(-8000, 8000);
            _mic[i] = (short)(_ref[i] / 3 + rng.Next(-50, 50));
        }
        _aec = new LineEchoCanceller(8000, TimeSpan.FromMilliseconds(128));
        _naive = new NaiveNlms(1024);
    }

    [Benchmark(Baseline = true)]
    public void NaiveScalarNlms() => _naive.Process(_mic, _ref, _out);

    [Benchmark]
    public void LineEchoCanceller128ms() => _aec.Process(_mic, _ref, _out);

    /// <summary>Textbook NLMS with scalar loops, the baseline.</summary>
    private sealed class NaiveNlms(int taps)
    {
        private readonly float[] _w = new float[taps];
        private readonly float[] _x = new float[taps];

        public void Process(short[] mic, short[] reference, short[] output)
        {
            for (int n = 0; n < mic.Length; n++)
            {
                Array.Copy(_x, 0, _x, 1, _x.Length - 1);
                _x[0] = reference[n] / 32768f;
                float y = 0f, energy = 1e-3f;
                for (int k = 0; k < _x.Length; k++)
                {
                    y += _w[k] * _x[k];
                    energy += _x[k] * _x[k];
                }
                float e = mic[n] / 32768f - y;
                float g = 0.5f * e / energy;
                for (int k = 0; k < _x.Length; k++)
                {
                    _w[k] += g * _x[k];
                }
                output[n] = (short)Math.Clamp(e * 32768f, short.MinValue, short.MaxValue);
            }
        }
    }
}

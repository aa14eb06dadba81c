using Appliance.Audio.Echo;
using Appliance.Benchmarks.AudioC;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.Echo;

/// <summary>
/// One 20 ms frame at 8 kHz through a 128 ms (1024-tap) line echo canceller: ours (partitioned
/// frequency-domain, two filters), the previous time-domain IPNLMS as the baseline, and
/// libspeexdsp's MDF (speex_echo_state_init(160, 1024)). Each call takes the next frame of 2 s of
/// bursty coloured noise and its echo (40 ms delay, -12 dB), so the filters adapt as in a call.
/// Issue target: 25 µs per frame, 0 bytes. ERLE of each on speech: the Echo tests print it.
/// </summary>
[Config(typeof(InProcessShortRunConfig))]
[MemoryDiagnoser]
public class EchoCancellerBenchmarks
{
    private const int Rate = 8000;
    private const int Frame = Rate / 50;
    private static readonly TimeSpan Tail = TimeSpan.FromMilliseconds(128);
    private readonly short[] _out = new short[Frame];
    private short[] _mic = null!;
    private short[] _ref = null!;
    private int _position;
    private LineEchoCanceller _ours = null!;
    private IpnlmsEchoCanceller _ipnlms = null!;
    private SpeexEchoCanceller _speex = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        int length = 2 * Rate;
        var far = new float[length];
        float state = 0f;
        for (int i = 0; i < length; i++)
        {
            // Low-passed noise in 300 ms bursts with 100 ms gaps, roughly speech-like.
            state = 0.8f * state + 0.2f * (float)(rng.NextDouble() * 2 - 1);
            far[i] = (i % 3200) < 2400 ? 1.5f * state : 0f;
        }
        _ref = new short[length];
        _mic = new short[length];
        const int Delay = 320;
        for (int i = 0; i < length; i++)
        {
            _ref[i] = (short)(far[i] * 32767);
            float echo = 0f;
            for (int k = 0; k < 24 && i - Delay - k >= 0; k++)
            {
                echo += far[i - Delay - k] * 0.25f * MathF.Exp(-k / 5f) * ((k & 1) == 0 ? 1 : -0.6f);
            }
            _mic[i] = (short)Math.Clamp(echo * 32767 + rng.Next(-3, 4), short.MinValue, short.MaxValue);
        }
        _ours = new LineEchoCanceller(Rate, Tail);
        _ipnlms = new IpnlmsEchoCanceller(Rate, Tail);
        _speex = new SpeexEchoCanceller(Rate, Tail);
    }

    [GlobalCleanup]
    public void Cleanup() => _speex.Dispose();

    [Benchmark(Baseline = true)]
    public void TimeDomainIpnlms()
    {
        Advance();
        _ipnlms.Process(_mic.AsSpan(_position, Frame), _ref.AsSpan(_position, Frame), _out);
    }

    [Benchmark]
    public void PartitionedFrequencyDomain()
    {
        Advance();
        _ours.Process(_mic.AsSpan(_position, Frame), _ref.AsSpan(_position, Frame), _out);
    }

    [Benchmark]
    public void SpeexMdf()
    {
        Advance();
        _speex.Process(_mic.AsSpan(_position, Frame), _ref.AsSpan(_position, Frame), _out);
    }

    private void Advance()
    {
        _position += Frame;
        if (_position + Frame > _mic.Length)
        {
            _position = 0;
        }
    }
}

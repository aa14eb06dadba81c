using Appliance.Audio;
using Appliance.Audio.Codecs;
using Appliance.Audio.Dtmf;
using Appliance.Audio.Mixing;
using Appliance.Audio.Resampling;
using Appliance.Audio.Speed;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.AudioA;

// Every benchmark processes ONE 20 ms frame at 8 kHz (160 samples) unless its name says otherwise,
// so Mean is the time per frame; 20 ms / Mean is the real-time factor of one stream.

[ShortRunJob, MemoryDiagnoser]
public class G711Benchmarks
{
    private readonly short[] _pcm = new short[160];
    private readonly byte[] _codes = new byte[160];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        for (int i = 0; i < _pcm.Length; i++)
        {
            _pcm[i] = (short)rng.Next(short.MinValue, short.MaxValue);
        }
        G711.EncodeMuLaw(_pcm, _codes);
    }

    [Benchmark(Baseline = true)]
    public void CopyFrame() => _pcm.AsSpan().CopyTo(_pcm.AsSpan());

    [Benchmark]
    public void EncodeMuLaw() => G711.EncodeMuLaw(_pcm, _codes);

    [Benchmark]
    public void DecodeMuLaw() => G711.DecodeMuLaw(_codes, _pcm);

    [Benchmark]
    public void EncodeALaw() => G711.EncodeALaw(_pcm, _codes);
}

[ShortRunJob, MemoryDiagnoser]
public class ResamplerBenchmarks
{
    private readonly short[] _narrow = new short[160];
    private readonly short[] _wide = new short[320];
    private readonly Resampler _up = new(8000, 16000);
    private readonly Resampler _down = new(16000, 8000);
    private readonly NaiveLinearResampler _naiveUp = new(8000, 16000);

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(2);
        for (int i = 0; i < _narrow.Length; i++)
        {
            _narrow[i] = (short)rng.Next(-8000, 8000);
        }
    }

    [Benchmark(Baseline = true)]
    public int NaiveLinearUp8To16() => _naiveUp.Process(_narrow, _wide);

    [Benchmark]
    public int PolyphaseUp8To16() => _up.Process(_narrow, _wide);

    [Benchmark]
    public int PolyphaseDown16To8() => _down.Process(_wide, _narrow);
}

[ShortRunJob, MemoryDiagnoser]
public class DtmfDetectorBenchmarks
{
    private readonly short[] _frame = new short[160];
    private readonly DtmfDigit[] _found = new DtmfDigit[2];
    private readonly DtmfDetector _detector = new();

    [GlobalSetup]
    public void Setup()
    {
        var generator = new DtmfGenerator();
        generator.Enqueue("5");
        generator.Fill(_frame);
    }

    [Benchmark]
    public int DetectFrame() => _detector.Process(_frame, _found);
}

[ShortRunJob, MemoryDiagnoser]
public class CallAudioMixerBenchmarks
{
    private readonly short[] _speech = new short[160];
    private readonly short[] _output = new short[160];
    private CallAudioMixer _mixer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _mixer = new CallAudioMixer(new SoundLibrary(AudioFormat.TelephonyRate)) { AmbientLevel = 0.1f, IsThinking = true };
        _mixer.SetAmbient(SoundId.Office);
        _mixer.SetThinkingClip(SoundId.KeyboardTyping);
    }

    [Benchmark(Baseline = true)]
    public void CopySpeech() => _speech.AsSpan().CopyTo(_output);

    [Benchmark]
    public void MixAllLayers() => _mixer.Mix(_speech, _output);
}

[ShortRunJob, MemoryDiagnoser]
public class WsolaBenchmarks
{
    private readonly short[] _frame = new short[160];
    private readonly short[] _out = new short[1024];
    private readonly WsolaTimeStretcher _slow = new(8000) { Speed = 0.5 };
    private readonly WsolaTimeStretcher _fast = new(8000) { Speed = 2.0 };

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(3);
        for (int i = 0; i < _frame.Length; i++)
        {
            _frame[i] = (short)rng.Next(-8000, 8000);
        }
    }

    [Benchmark]
    public int StretchFrameSpeed0_5()
    {
        _slow.Write(_frame);
        return _slow.Read(_out);
    }

    [Benchmark]
    public int StretchFrameSpeed2()
    {
        _fast.Write(_frame);
        return _fast.Read(_out);
    }
}

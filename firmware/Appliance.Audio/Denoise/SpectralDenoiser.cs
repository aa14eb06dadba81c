using System.Numerics.Tensors;

namespace Appliance.Audio.Denoise;

/// <summary>
/// The spectral engine: STFT with a 40 ms sqrt-Hann window and 50% overlap (hop = the 20 ms
/// frame, so one FFT pair per frame and one frame of latency), MCRA noise tracking, a
/// decision-directed a priori SNR refined by a second (two-step) pass, Wiener gain with a floor, a frame-level
/// <see cref="LevelGate"/> (narrow for noise, wide for babble) that sends background-only frames
/// to the floor, overlap-add. All buffers are allocated in the constructor.
/// </summary>
internal sealed class SpectralDenoiser : Denoiser
{
    private const float Scale = 32768f;
    private readonly DenoiseSettings _settings;
    private readonly RealFft _fft;
    private readonly NoiseTracker _noise;
    private readonly LevelGate _gate;
    private readonly float _gainFloor;
    private readonly float[] _window;
    private readonly float[] _history;
    private readonly float[] _time;
    private readonly float[] _re;
    private readonly float[] _im;
    private readonly float[] _power;
    private readonly float[] _gain;
    private readonly float[] _previousCleanPower;
    private readonly float[] _overlap;

    public SpectralDenoiser(DenoisingMode mode, int sampleRate)
        : this(mode, sampleRate, DenoiseSettings.For(mode))
    {
    }

    internal SpectralDenoiser(DenoisingMode mode, int sampleRate, DenoiseSettings settings)
        : base(mode, sampleRate)
    {
        _settings = settings;
        int hop = FrameSamples;
        int windowLength = 2 * hop;
        _fft = new RealFft((int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)windowLength));
        int bins = _fft.Bins;
        // ~100 Hz either side at any rate.
        _noise = new NoiseTracker(bins, spreadBins: (int)Math.Round(100.0 * _fft.Size / sampleRate));
        _gate = new LevelGate(sampleRate, _fft.Size, settings.GateClosedDb, settings.GateOpenDb, settings.TalkerRangeDb);
        _gainFloor = MathF.Pow(10f, _settings.GainFloorDb / 20f);
        // Periodic sqrt-Hann for analysis and synthesis: the product is a Hann window, whose
        // copies at 50% overlap sum to exactly 1, so unity gain reconstructs the input.
        _window = new float[windowLength];
        for (int i = 0; i < windowLength; i++)
        {
            _window[i] = MathF.Sqrt(0.5f - 0.5f * MathF.Cos(2f * MathF.PI * i / windowLength));
        }
        _history = new float[windowLength];
        _time = new float[_fft.Size];
        _re = new float[bins];
        _im = new float[bins];
        _power = new float[bins];
        _gain = new float[bins];
        _previousCleanPower = new float[bins];
        _overlap = new float[hop];
    }

    public override int LatencySamples => FrameSamples;

    public override void Reset()
    {
        _noise.Reset();
        _gate.Reset();
        Array.Clear(_history);
        Array.Clear(_previousCleanPower);
        Array.Clear(_overlap);
    }

    private protected override void ProcessFrame(Span<short> frame)
    {
        int hop = FrameSamples;
        // Slide the 40 ms analysis window by one frame.
        Array.Copy(_history, hop, _history, 0, hop);
        for (int i = 0; i < hop; i++)
        {
            _history[hop + i] = frame[i] * (1f / Scale);
        }
        TensorPrimitives.Multiply(_history, _window, _time.AsSpan(0, _window.Length));
        _time.AsSpan(_window.Length).Clear(); // zero padding up to the FFT size
        _fft.Forward(_time, _re, _im);
        TensorPrimitives.Multiply(_re, _re, _power);
        TensorPrimitives.MultiplyAdd(_im, _im, _power, _power);

        _noise.Update(_power);
        ComputeGains();
        float frameGain = _gate.Update(_power);
        if (frameGain < 1f)
        {
            // Pull every bin toward the floor by the gate's factor, never below the floor.
            for (int k = 0; k < _gain.Length; k++)
            {
                _gain[k] = MathF.Max(_gainFloor, _gain[k] * frameGain);
            }
        }
        TensorPrimitives.Multiply(_re, _gain, _re);
        TensorPrimitives.Multiply(_im, _gain, _im);
        _fft.Inverse(_re, _im, _time);

        // Synthesis window and overlap-add: the output is the frame before this one.
        for (int i = 0; i < hop; i++)
        {
            float y = _time[i] * _window[i] + _overlap[i];
            _overlap[i] = _time[hop + i] * _window[hop + i];
            frame[i] = (short)Math.Clamp(MathF.Round(y * Scale), short.MinValue, short.MaxValue);
        }
    }

    private void ComputeGains()
    {
        ReadOnlySpan<float> noise = _noise.Noise;
        float alpha = _settings.DecisionDirectedAlpha;
        float over = _settings.OverSubtraction;
        for (int k = 0; k < _gain.Length; k++)
        {
            float n = over * noise[k] + 1e-12f;
            float posterior = _power[k] / n;
            // Decision-directed a priori SNR (Ephraim-Malah) from last frame's clean estimate.
            float prior = alpha * _previousCleanPower[k] / n + (1f - alpha) * MathF.Max(posterior - 1f, 0f);
            prior = MathF.Max(prior, 1e-3f);
            float first = prior / (1f + prior);
            // Second step (Plapous' two-step noise reduction): the a priori SNR re-estimated from
            // this frame's own first-step gain, which removes the decision-directed one-frame lag.
            float second = first * first * posterior;
            float g = MathF.Max(second / (1f + second), _gainFloor);
            _gain[k] = g;
            _previousCleanPower[k] = g * g * _power[k];
        }
    }
}

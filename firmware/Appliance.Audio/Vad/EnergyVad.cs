namespace Appliance.Audio.Vad;

/// <summary>
/// Cheap first-stage VAD and fallback when no Silero model is present. The frame energy after a
/// DC/hum high-pass is smoothed over ~60 ms and compared with the background level, the minimum of
/// that smoothed level over the last ~2.5 s (minimum statistics). The margin above the background
/// maps to a probability with a logistic curve. Smoothing first keeps a babble's quick peaks from
/// passing as a near talker, whose speech lifts the level for whole syllables.
/// </summary>
public sealed class EnergyVad : IVoiceActivityClassifier
{
    // Margin (dB above background) at which the probability is 0.5, and the logistic slope.
    internal const float DefaultMidpointDb = 5f;
    private const float SlopeDb = 1.2f;
    // Frames quieter than this are never speech (digital silence, line idle).
    private const float AbsoluteGateDb = -62f;
    private const float SilenceDb = -100f;

    private readonly float _highPassCoefficient;
    private readonly float _smoothing;
    private readonly float _midpointDb;
    private readonly MinimumTracker _background;
    private float _previousInput;
    private float _previousOutput;
    private float _smoothedPower;

    public EnergyVad(int sampleRate)
        : this(sampleRate, DefaultMidpointDb, smoothingFrames: 3f)
    {
    }

    internal EnergyVad(int sampleRate, float midpointDb, float smoothingFrames)
    {
        FrameSamples = VadFrame.SamplesFor(sampleRate);
        SampleRate = sampleRate;
        _midpointDb = midpointDb;
        // One-pole high-pass at ~100 Hz.
        _highPassCoefficient = MathF.Exp(-2f * MathF.PI * 100f / sampleRate);
        _smoothing = 1f / smoothingFrames;
        // 5 sub-windows of 0.5 s: the background is the quietest smoothed level of the last 2.5 s.
        _background = new MinimumTracker(5, 25);
    }

    public int SampleRate { get; }

    public int FrameSamples { get; }

    /// <summary>Background level estimate in dBFS (for diagnostics and the echo detector).</summary>
    public float BackgroundDb => _background.Minimum == float.MaxValue ? SilenceDb : _background.Minimum;

    /// <summary>Smoothed level of the last frame in dBFS.</summary>
    public float LevelDb { get; private set; } = SilenceDb;

    public float Classify(ReadOnlySpan<short> frame)
    {
        VadFrame.CheckLength(frame, FrameSamples);
        float sum = 0f;
        for (int i = 0; i < frame.Length; i++)
        {
            float x = frame[i] * (1f / 32768f);
            float y = _highPassCoefficient * (_previousOutput + x - _previousInput);
            _previousInput = x;
            _previousOutput = y;
            sum += y * y;
        }
        float power = sum / frame.Length;
        _smoothedPower = _smoothedPower == 0f ? power : _smoothedPower + _smoothing * (power - _smoothedPower);
        float frameDb = 10f * MathF.Log10(power + 1e-10f);
        LevelDb = 10f * MathF.Log10(_smoothedPower + 1e-10f);
        _background.Push(LevelDb);
        if (frameDb < AbsoluteGateDb)
        {
            return 0f;
        }
        float margin = LevelDb - BackgroundDb;
        return 1f / (1f + MathF.Exp(-(margin - _midpointDb) / SlopeDb));
    }

    public void Reset()
    {
        _previousInput = 0f;
        _previousOutput = 0f;
        _smoothedPower = 0f;
        _background.Reset();
        LevelDb = SilenceDb;
    }
}

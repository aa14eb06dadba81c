namespace Appliance.Audio.Vad;

/// <summary>
/// Cheap first-stage VAD and fallback when no Silero model is present: frame energy after a
/// DC/hum high-pass, compared against a tracked noise floor (fast down, slow up, like minimum
/// statistics), mapped to a probability with a logistic curve. Good on stationary noise; it
/// cannot tell speech from babble, which is what Silero is for.
/// </summary>
public sealed class EnergyVad : IVoiceActivityClassifier
{
    // SNR (dB above the noise floor) at which the probability is 0.5, and the logistic slope.
    private const float MidpointSnrDb = 4.5f;
    private const float SlopeDb = 1.2f;
    // Frames quieter than this are never speech (digital silence, line idle).
    private const float AbsoluteGateDb = -62f;
    // The floor follows a drop quickly, tracks the mean of frames near it (so it sits at the
    // noise's mean level, not its minimum) and otherwise rises only ~1.5 dB/s, so a sentence
    // does not lift it while a louder steady noise is adopted within seconds.
    private const float FloorRiseDbPerFrame = 0.03f;
    private const float NearFloorDb = 3f;
    private const float FloorMinDb = -90f;

    private readonly float _highPassCoefficient;
    private float _previousInput;
    private float _previousOutput;
    private float _noiseFloorDb;
    private bool _primed;

    public EnergyVad(int sampleRate)
    {
        FrameSamples = VadFrame.SamplesFor(sampleRate);
        SampleRate = sampleRate;
        // One-pole high-pass at ~100 Hz.
        _highPassCoefficient = MathF.Exp(-2f * MathF.PI * 100f / sampleRate);
    }

    public int SampleRate { get; }

    public int FrameSamples { get; }

    /// <summary>Current noise-floor estimate in dBFS (for diagnostics and the echo detector).</summary>
    public float NoiseFloorDb => _noiseFloorDb;

    /// <summary>Energy of the last frame in dBFS.</summary>
    public float LastFrameDb { get; private set; } = FloorMinDb;

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
        float db = 10f * MathF.Log10(sum / frame.Length + 1e-10f);
        LastFrameDb = db;
        if (!_primed)
        {
            _noiseFloorDb = MathF.Max(db, FloorMinDb);
            _primed = true;
        }
        else
        {
            float delta = db - _noiseFloorDb;
            _noiseFloorDb += delta < 0f ? 0.3f * delta
                : delta < NearFloorDb ? 0.05f * delta
                : FloorRiseDbPerFrame;
            _noiseFloorDb = MathF.Max(_noiseFloorDb, FloorMinDb);
        }
        if (db < AbsoluteGateDb)
        {
            return 0f;
        }
        float snr = db - _noiseFloorDb;
        return 1f / (1f + MathF.Exp(-(snr - MidpointSnrDb) / SlopeDb));
    }

    public void Reset()
    {
        _previousInput = 0f;
        _previousOutput = 0f;
        _noiseFloorDb = FloorMinDb;
        _primed = false;
        LastFrameDb = FloorMinDb;
    }
}

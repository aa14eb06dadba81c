namespace Appliance.Audio.Detection;

/// <summary>
/// Finds a voicemail beep: one pure tone between 400 and 2000 Hz lasting at least 300 ms. Per 20 ms
/// frame the tone frequency is estimated from interpolated zero crossings, then a Goertzel filter
/// at that frequency measures how much of the frame's energy the tone holds; a frame counts when
/// that share is high, the level is audible and the frequency stays within 40 Hz of the previous
/// frame. <see cref="Process"/> returns true on the frame after such a tone ends: the moment to
/// start speaking the message. Speech (many harmonics) and dual tones (DTMF, dial, busy) fail
/// the purity test. No allocation per frame.
/// </summary>
public sealed class BeepDetector
{
    // Share of the frame energy the tone must hold (1 = pure sine).
    private const float MinPurity = 0.7f;
    private const float MaxFrequencyStepHz = 40f;

    private readonly int _sampleRate;
    private readonly int _frameSamples;
    private readonly float _minHz;
    private readonly float _maxHz;
    private readonly int _minFrames;
    private readonly float _minLevel;
    private int _toneFrames;
    private float _previousHz;
    private double _frequencySum;

    /// <param name="minDuration">Shortest tone that counts; the test is frame-quantized (20 ms), so a
    /// tone that starts or ends mid-frame still counts when it is at least this long.</param>
    public BeepDetector(int sampleRate, float minHz = 400f, float maxHz = 2000f, TimeSpan? minDuration = null, float minLevelDbfs = -45f)
    {
        if (sampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "8000 or 16000 Hz.");
        }
        if (!(minHz > 0 && maxHz > minHz && maxHz < sampleRate / 2f))
        {
            throw new ArgumentOutOfRangeException(nameof(maxHz), "Need 0 < minHz < maxHz < Nyquist.");
        }
        var duration = minDuration ?? TimeSpan.FromMilliseconds(300);
        if (duration <= TimeSpan.Zero || duration > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentOutOfRangeException(nameof(minDuration), duration, "Between 0 and 10 s.");
        }
        _sampleRate = sampleRate;
        _frameSamples = sampleRate / 50;
        _minHz = minHz;
        _maxHz = maxHz;
        // A tone cut at both frame edges loses up to one whole frame of tonal frames.
        _minFrames = Math.Max(1, (int)Math.Ceiling(duration.TotalMilliseconds / 20) - 1);
        _minLevel = MathF.Pow(10f, minLevelDbfs / 10f);
    }

    /// <summary>Mean frequency of the last tone that ended, in Hz.</summary>
    public float LastToneHz { get; private set; }

    /// <summary>Length of the last tone that ended, counted in whole tonal frames.</summary>
    public TimeSpan LastToneDuration { get; private set; }

    /// <summary>True while a tone long enough to be a beep is still sounding.</summary>
    public bool InBeep => _toneFrames >= _minFrames;

    /// <summary>Feeds one 20 ms frame; true when a beep has just ended.</summary>
    public bool Process(ReadOnlySpan<short> frame)
    {
        if (frame.Length != _frameSamples)
        {
            throw new ArgumentException($"A 20 ms frame holds {_frameSamples} samples, got {frame.Length}.", nameof(frame));
        }
        float hz = ToneFrequency(frame);
        bool tonal = hz > 0 && (_toneFrames == 0 || MathF.Abs(hz - _previousHz) <= MaxFrequencyStepHz);
        if (tonal)
        {
            _toneFrames++;
            _frequencySum += hz;
            _previousHz = hz;
            return false;
        }
        bool ended = _toneFrames >= _minFrames;
        if (ended)
        {
            LastToneHz = (float)(_frequencySum / _toneFrames);
            LastToneDuration = TimeSpan.FromMilliseconds(20 * _toneFrames);
        }
        // A frame that is tonal at a new frequency starts a new run.
        _toneFrames = hz > 0 ? 1 : 0;
        _frequencySum = hz > 0 ? hz : 0;
        _previousHz = hz;
        return ended;
    }

    public void Reset()
    {
        _toneFrames = 0;
        _frequencySum = 0;
        _previousHz = 0;
    }

    /// <summary>The frame's tone frequency, or 0 when the frame is not one loud pure tone in range.</summary>
    private float ToneFrequency(ReadOnlySpan<short> frame)
    {
        float energy = 0f;
        float first = -1f, last = -1f;
        int crossings = 0;
        float previous = frame[0];
        for (int i = 0; i < frame.Length; i++)
        {
            float x = frame[i];
            energy += x * x;
            if (i > 0 && (previous < 0f) != (x < 0f))
            {
                // Linear interpolation of where the signal crosses zero.
                float t = i - 1 + previous / (previous - x);
                if (first < 0f) first = t;
                last = t;
                crossings++;
            }
            previous = x;
        }
        if (energy < _minLevel * 32768f * 32768f * frame.Length || crossings < 3 || last <= first)
        {
            return 0f;
        }
        float hz = (crossings - 1) / (2f * (last - first)) * _sampleRate;
        if (hz < _minHz || hz > _maxHz)
        {
            return 0f;
        }
        // Goertzel at the estimated frequency: |X|^2 = A^2 N^2 / 4 and energy = A^2 N / 2 for a pure sine.
        float coefficient = 2f * MathF.Cos(2f * MathF.PI * hz / _sampleRate);
        float s1 = 0f, s2 = 0f;
        for (int i = 0; i < frame.Length; i++)
        {
            float s0 = frame[i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        float magnitude = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        float purity = 2f * magnitude / (frame.Length * energy);
        return purity >= MinPurity ? hz : 0f;
    }
}

using Appliance.Audio.Denoise;

namespace Appliance.Audio.Vad;

/// <summary>
/// A classifier for lines with background talkers: the inner classifier's speech probability
/// (Silero hears babble and distant talkers as speech, rightly) passed only while a level gate is
/// open. The gate opens on a frame that both rises a margin above the background level (the 20th
/// percentile of frame levels, which sits at the babble during the caller's pauses) and comes within
/// a few dB of the caller's own loud level (the 96th percentile: the caller close to the phone is
/// louder than the talkers behind, whose bursts reach the first bound but not the second); it holds
/// open for a while so the quiet ends of words stay speech. Defaults measured on the issue 5 set
/// (docs/audio.md, VAD). No allocation per frame.
/// </summary>
public sealed class TalkerGatedVad : IVoiceActivityClassifier, IDisposable
{
    private readonly IVoiceActivityClassifier _inner;
    private readonly float _backgroundMarginDb;
    private readonly float _talkerRangeDb;
    private readonly int _holdFrames;
    private PercentileTracker _background = new(0.1f, 0.4f);
    private PercentileTracker _talker = new(0.48f, 0.02f);
    private int _holdLeft;

    /// <param name="backgroundMarginDb">How far above the background a frame must rise to open the gate.</param>
    /// <param name="talkerRangeDb">How far below the caller's loud level a frame may be and still open it.</param>
    /// <param name="holdFrames">20 ms frames the gate stays open after the last opening frame.</param>
    public TalkerGatedVad(IVoiceActivityClassifier inner, float backgroundMarginDb = 6f, float talkerRangeDb = 4f, int holdFrames = 12)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegative(backgroundMarginDb);
        ArgumentOutOfRangeException.ThrowIfNegative(talkerRangeDb);
        ArgumentOutOfRangeException.ThrowIfNegative(holdFrames);
        _inner = inner;
        _backgroundMarginDb = backgroundMarginDb;
        _talkerRangeDb = talkerRangeDb;
        _holdFrames = holdFrames;
    }

    public int SampleRate => _inner.SampleRate;

    public int FrameSamples => _inner.FrameSamples;

    /// <summary>Whether the level gate passed this frame (for diagnostics and tests).</summary>
    public bool GateOpen { get; private set; }

    public float Classify(ReadOnlySpan<short> frame)
    {
        float p = _inner.Classify(frame);
        double sum = 1e-3;
        foreach (short s in frame)
        {
            sum += s * s;
        }
        float levelDb = 10f * MathF.Log10((float)(sum / frame.Length));
        _background.Update(levelDb);
        _talker.Update(levelDb);
        bool opens = levelDb - _background.ValueDb >= _backgroundMarginDb && levelDb >= _talker.ValueDb - _talkerRangeDb;
        if (opens)
        {
            _holdLeft = _holdFrames;
        }
        else if (_holdLeft > 0)
        {
            _holdLeft--;
        }
        GateOpen = opens || _holdLeft > 0;
        return GateOpen ? p : 0f;
    }

    public void Reset()
    {
        _inner.Reset();
        _background.Reset();
        _talker.Reset();
        _holdLeft = 0;
        GateOpen = false;
    }

    /// <summary>Disposes the inner classifier (a Silero binding) when it is disposable.</summary>
    public void Dispose() => (_inner as IDisposable)?.Dispose();
}

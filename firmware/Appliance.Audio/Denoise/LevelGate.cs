namespace Appliance.Audio.Denoise;

/// <summary>
/// Frame-level gate on the speech-band level. It tracks a low percentile of that level (the
/// background: noise, or babble and distant talkers, which keep an almost steady level while the
/// caller close to the phone rises well above it for whole syllables) and maps each frame's margin
/// above it to a factor from 0 (background only) to 1, with a short hold so word endings are not
/// cut. The engine scales its gains by the factor. Narrow margins (a few dB) make a noise gate
/// that sends pauses to the gain floor; wide margins reject babble.
/// </summary>
internal sealed class LevelGate
{
    // Percentile tracker: up/(up+down) = 0.2, so the level settles at the 20th percentile.
    private const float StepUpDb = 0.1f;
    private const float StepDownDb = 0.4f;
    private const int HoldFrames = 5;

    private readonly int _lowBin;
    private readonly int _highBin;
    private float _backgroundDb;
    private bool _started;
    private float _held;
    private int _holdLeft;

    // Margin above the background where the gate starts to open and where it is fully open.
    private readonly float _closedMarginDb;
    private readonly float _openMarginDb;

    public LevelGate(int sampleRate, int fftSize, float closedMarginDb, float openMarginDb)
    {
        _closedMarginDb = closedMarginDb;
        _openMarginDb = openMarginDb;
        // Speech band 300..3400 Hz.
        _lowBin = 300 * fftSize / sampleRate;
        _highBin = Math.Min(fftSize / 2, 3400 * fftSize / sampleRate);
    }

    /// <summary>Background level in dB (power units of the spectrum).</summary>
    public float BackgroundDb => _backgroundDb;

    public float Update(ReadOnlySpan<float> power)
    {
        float sum = 1e-12f;
        for (int k = _lowBin; k <= _highBin; k++)
        {
            sum += power[k];
        }
        float levelDb = 10f * MathF.Log10(sum);
        if (!_started)
        {
            _backgroundDb = levelDb;
            _started = true;
        }
        _backgroundDb += levelDb > _backgroundDb ? StepUpDb : -StepDownDb;
        float margin = levelDb - _backgroundDb;
        float open = Math.Clamp((margin - _closedMarginDb) / (_openMarginDb - _closedMarginDb), 0f, 1f);
        if (open >= _held)
        {
            _held = open;
            _holdLeft = HoldFrames;
        }
        else if (_holdLeft > 0)
        {
            _holdLeft--;
        }
        else
        {
            _held = open;
        }
        return _held;
    }

    public void Reset()
    {
        _started = false;
        _held = 0f;
        _holdLeft = 0;
    }
}

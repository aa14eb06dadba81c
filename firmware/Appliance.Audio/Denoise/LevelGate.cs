namespace Appliance.Audio.Denoise;

/// <summary>
/// Frame-level gate on the speech-band level. It tracks a low percentile of that level (the
/// background: noise, or babble and distant talkers, which keep an almost steady level while the
/// caller close to the phone rises well above it for whole syllables) and maps each frame's margin
/// above it to a factor from 0 (background only) to 1, with a short hold so word endings are not
/// cut. The engine scales its gains by the factor. Narrow margins (a few dB) make a noise gate
/// that sends pauses to the gain floor. For background talkers it also tracks the caller's own loud
/// level (a high percentile) and closes on frames more than a talker range below it: babble bursts
/// rise over the babble's usual level but stay below the caller near the phone.
/// </summary>
internal sealed class LevelGate
{
    private const int HoldFrames = 5;

    private readonly int _lowBin;
    private readonly int _highBin;
    // Margin above the background where the gate starts to open and where it is fully open.
    private readonly float _closedMarginDb;
    private readonly float _openMarginDb;
    private readonly float _talkerRangeDb;
    // Up/down steps 0.1/0.4 dB settle at the 20th percentile; 0.48/0.02 at the 96th.
    private PercentileTracker _background = new(0.1f, 0.4f);
    private PercentileTracker _talker = new(0.48f, 0.02f);
    private float _held;
    private int _holdLeft;

    /// <param name="talkerRangeDb">Frames this far below the caller's loud level are background
    /// (<see cref="float.PositiveInfinity"/>: off).</param>
    public LevelGate(int sampleRate, int fftSize, float closedMarginDb, float openMarginDb, float talkerRangeDb)
    {
        _closedMarginDb = closedMarginDb;
        _openMarginDb = openMarginDb;
        _talkerRangeDb = talkerRangeDb;
        // Speech band 300..3400 Hz.
        _lowBin = 300 * fftSize / sampleRate;
        _highBin = Math.Min(fftSize / 2, 3400 * fftSize / sampleRate);
    }

    public float Update(ReadOnlySpan<float> power)
    {
        float sum = 1e-12f;
        for (int k = _lowBin; k <= _highBin; k++)
        {
            sum += power[k];
        }
        float levelDb = 10f * MathF.Log10(sum);
        _background.Update(levelDb);
        _talker.Update(levelDb);
        float margin = levelDb - _background.ValueDb;
        float open = Math.Clamp((margin - _closedMarginDb) / (_openMarginDb - _closedMarginDb), 0f, 1f);
        if (levelDb < _talker.ValueDb - _talkerRangeDb)
        {
            open = 0f;
        }
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
        _background.Reset();
        _talker.Reset();
        _held = 0f;
        _holdLeft = 0;
    }
}

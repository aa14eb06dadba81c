namespace Appliance.Audio.Tones;

/// <summary>
/// Plays one call-progress tone with its cadence into successive frames (the simulated exchange, and
/// tests). Phase-continuous across frames and cadence steps; no allocation per frame.
/// </summary>
public sealed class ToneGenerator
{
    private readonly ToneSpec _tone;
    private readonly double[] _step;
    private readonly double[] _phase;
    private readonly int[] _segmentSamples;
    private readonly double _amplitude;
    private int _segment;
    private int _inSegment;

    /// <param name="levelDbfs">Level of each frequency component (E.180 tones are -10 to -24 dBm0 per component).</param>
    public ToneGenerator(ToneSpec tone, int sampleRate = AudioFormat.TelephonyRate, double levelDbfs = -16)
    {
        ArgumentNullException.ThrowIfNull(tone);
        AudioFormat.SamplesPerFrame(sampleRate);
        _tone = tone;
        _step = new double[tone.Frequencies.Count];
        _phase = new double[tone.Frequencies.Count];
        for (int i = 0; i < _step.Length; i++)
        {
            _step[i] = 2 * Math.PI * tone.Frequencies[i] / sampleRate;
        }
        _segmentSamples = new int[tone.Cadence.Count];
        for (int i = 0; i < _segmentSamples.Length; i++)
        {
            _segmentSamples[i] = tone.Cadence[i] * sampleRate / 1000;
        }
        _amplitude = 32767 * Math.Pow(10, levelDbfs / 20);
        if (_amplitude * _step.Length > 32767)
        {
            throw new ArgumentOutOfRangeException(nameof(levelDbfs), levelDbfs, "The tone's components together would clip.");
        }
    }

    public ToneSpec Tone => _tone;

    /// <summary>Fills <paramref name="frame"/> with the next samples of the tone.</summary>
    public void Fill(Span<short> frame)
    {
        for (int i = 0; i < frame.Length; i++)
        {
            bool on = _segmentSamples.Length == 0 || _segment % 2 == 0;
            double value = 0;
            for (int k = 0; k < _step.Length; k++)
            {
                if (on)
                {
                    value += Math.Sin(_phase[k]);
                }
                // Oscillators keep running through the gaps, as an exchange's tone source does.
                _phase[k] += _step[k];
                if (_phase[k] > 2 * Math.PI)
                {
                    _phase[k] -= 2 * Math.PI;
                }
            }
            frame[i] = (short)Math.Round(value * _amplitude);
            if (_segmentSamples.Length > 0 && ++_inSegment >= _segmentSamples[_segment])
            {
                _inSegment = 0;
                _segment = (_segment + 1) % _segmentSamples.Length;
            }
        }
    }

    /// <summary>Starts again at the beginning of the first "on" period.</summary>
    public void Reset()
    {
        Array.Clear(_phase);
        _segment = 0;
        _inSegment = 0;
    }
}

namespace Appliance.Audio.Dtmf;

/// <summary>
/// Plays a key sequence as DTMF into successive frames: each key's two tones for
/// <see cref="ToneDuration"/>, then <see cref="PauseDuration"/> of silence. Phase-continuous across
/// frames; no allocation while playing. One instance per stream.
/// </summary>
public sealed class DtmfGenerator
{
    private readonly char[] _keys = new char[64];
    private int _keyCount;
    private int _keyIndex;
    private int _position; // sample within the current key's tone + pause

    /// <summary>Creates a generator at <paramref name="sampleRate"/>.</summary>
    public DtmfGenerator(int sampleRate = AudioFormat.TelephonyRate)
    {
        AudioFormat.SamplesPerFrame(sampleRate);
        SampleRate = sampleRate;
    }

    /// <summary>Output sample rate.</summary>
    public int SampleRate { get; }

    /// <summary>Tone length per key (Q.24 receivers need at least 40 ms).</summary>
    public TimeSpan ToneDuration { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Silence after each key (at least 40 ms).</summary>
    public TimeSpan PauseDuration { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Amplitude of each of the two tones in dBFS (the low-group tone; the high one adds <see cref="TwistDb"/>).</summary>
    public double LevelDbfs { get; set; } = -10;

    /// <summary>High-group level minus low-group level in dB (positive = reverse twist).</summary>
    public double TwistDb { get; set; }

    /// <summary>True while keys remain to be played.</summary>
    public bool IsPlaying => _keyIndex < _keyCount;

    /// <summary>Queues <paramref name="keys"/> (0-9, *, #, A-D); any other character is rejected.</summary>
    public void Enqueue(ReadOnlySpan<char> keys)
    {
        foreach (char key in keys)
        {
            if (!DtmfTones.TryFind(key, out _, out _))
            {
                throw new ArgumentException($"'{key}' is not a DTMF key.", nameof(keys));
            }
        }
        if (_keyIndex == _keyCount)
        {
            _keyIndex = _keyCount = 0;
        }
        if (_keyCount + keys.Length > _keys.Length)
        {
            throw new InvalidOperationException($"At most {_keys.Length} keys may be queued.");
        }
        foreach (char key in keys)
        {
            _keys[_keyCount++] = char.ToUpperInvariant(key);
        }
    }

    /// <summary>Fills <paramref name="frame"/> with the next samples (silence when idle).</summary>
    public void Fill(Span<short> frame)
    {
        int tone = (int)(ToneDuration.Ticks * SampleRate / TimeSpan.TicksPerSecond);
        int total = tone + (int)(PauseDuration.Ticks * SampleRate / TimeSpan.TicksPerSecond);
        double lowAmp = 32767 * Math.Pow(10, LevelDbfs / 20);
        double highAmp = lowAmp * Math.Pow(10, TwistDb / 20);
        for (int i = 0; i < frame.Length; i++)
        {
            if (!IsPlaying)
            {
                frame[i] = 0;
                continue;
            }
            DtmfTones.TryFind(_keys[_keyIndex], out int row, out int column);
            double value = 0;
            if (_position < tone)
            {
                double t = (double)_position / SampleRate;
                value = lowAmp * Math.Sin(2 * Math.PI * DtmfTones.Low[row] * t)
                    + highAmp * Math.Sin(2 * Math.PI * DtmfTones.High[column] * t);
            }
            frame[i] = (short)Math.Clamp(Math.Round(value), short.MinValue, short.MaxValue);
            if (++_position >= total)
            {
                _position = 0;
                _keyIndex++;
            }
        }
    }
}

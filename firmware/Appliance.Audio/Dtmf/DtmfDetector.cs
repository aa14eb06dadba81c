namespace Appliance.Audio.Dtmf;

/// <summary>
/// DTMF detection in audio (analog lines, or RTP without RFC 4733) with ITU-T Q.24 rules.
/// Every 5 ms the last 13.25 ms (106 samples at 8 kHz) go through eight Goertzel filters. A hop counts
/// for a key when one low and one high tone each dominate their group, reach the minimum level, hold the
/// window's energy (purity), keep the twist limits, and sit within the frequency tolerance (measured from
/// the phase advance between hops). A key registers after <see cref="DtmfDetectorOptions.ConfirmHops"/>
/// such hops and ends after <see cref="DtmfDetectorOptions.ReleaseHops"/> hops without it.
/// No allocation after construction; one instance per stream.
/// </summary>
public sealed class DtmfDetector
{
    private const int Bins = 8;
    private readonly DtmfDetectorOptions _options;
    private readonly int _window;
    private readonly int _hop;
    private readonly float[] _history;
    private readonly double[] _omega = new double[Bins];
    private readonly double[] _re = new double[Bins];
    private readonly double[] _im = new double[Bins];
    private readonly double[] _power = new double[Bins];
    private readonly double[] _deviation = new double[Bins];
    private readonly double _minPower;
    private int _filled;        // samples in _history, up to _window
    private int _head;          // ring position of the oldest sample
    private int _sinceHop;      // samples since the last evaluation
    private long _samples;      // stream position
    private char _candidate;
    private int _candidateHops;
    private long _candidateStart;
    private char _active;
    private int _absentHops;

    /// <summary>Creates a detector for 8 or 16 kHz audio.</summary>
    public DtmfDetector(int sampleRate = AudioFormat.TelephonyRate, DtmfDetectorOptions? options = null)
    {
        if (sampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "DTMF detection runs at 8000 or 16000 Hz.");
        }
        SampleRate = sampleRate;
        _options = options ?? new DtmfDetectorOptions();
        _window = 106 * sampleRate / 8000;
        _hop = sampleRate / 200;
        _history = new float[_window];
        for (int i = 0; i < 4; i++)
        {
            _omega[i] = 2 * Math.PI * DtmfTones.Low[i] / sampleRate;
            _omega[i + 4] = 2 * Math.PI * DtmfTones.High[i] / sampleRate;
        }
        double minAmplitude = 32767 * Math.Pow(10, _options.MinToneLevelDbfs / 20);
        _minPower = minAmplitude * minAmplitude * _window * _window / 4; // |X|^2 of a sine of that amplitude
    }

    /// <summary>Sample rate of the input.</summary>
    public int SampleRate { get; }

    /// <summary>
    /// Feeds samples (any length, typically one 20 ms frame); writes newly registered keys to
    /// <paramref name="detected"/> and returns how many. Keys beyond the span's length are dropped.
    /// </summary>
    public int Process(ReadOnlySpan<short> samples, Span<DtmfDigit> detected)
    {
        int count = 0;
        foreach (short s in samples)
        {
            _history[_head] = s;
            _head = _head + 1 == _window ? 0 : _head + 1;
            _filled = Math.Min(_filled + 1, _window);
            _samples++;
            if (++_sinceHop < _hop || _filled < _window)
            {
                continue;
            }
            _sinceHop = 0;
            char key = Evaluate();
            if (Track(key) && count < detected.Length)
            {
                detected[count++] = new DtmfDigit(_active, AudioFormat.DurationOf(_candidateStart, SampleRate));
            }
        }
        return count;
    }

    /// <summary>Forgets the stream (new call).</summary>
    public void Reset()
    {
        Array.Clear(_history);
        _filled = _head = _sinceHop = _candidateHops = _absentHops = 0;
        _samples = _candidateStart = 0;
        _candidate = _active = '\0';
    }

    // Returns true when a key registers at this hop.
    private bool Track(char key)
    {
        if (key == '\0')
        {
            _candidate = '\0';
            _candidateHops = 0;
            if (++_absentHops >= _options.ReleaseHops)
            {
                _active = '\0';
            }
            return false;
        }
        _absentHops = 0;
        if (key != _candidate)
        {
            _candidate = key;
            _candidateHops = 0;
            _candidateStart = Math.Max(0, _samples - _window);
        }
        if (++_candidateHops >= _options.ConfirmHops && key != _active)
        {
            _active = key;
            return true;
        }
        return false;
    }

    private char Evaluate()
    {
        // The ring holds the window oldest-first as [_head..] followed by [.._head].
        ReadOnlySpan<float> older = _history.AsSpan(_head);
        ReadOnlySpan<float> newer = _history.AsSpan(0, _head);
        double energy = Energy(older) + Energy(newer);
        for (int b = 0; b < Bins; b++)
        {
            double w = _omega[b];
            double coeff = 2 * Math.Cos(w);
            double s1 = 0, s2 = 0;
            Goertzel(older, coeff, ref s1, ref s2);
            Goertzel(newer, coeff, ref s1, ref s2);
            double re = s1 - s2 * Math.Cos(w);
            double im = s2 * Math.Sin(w);
            // Phase advance since the previous hop, compared with the bin's own frequency.
            double advance = Math.Atan2(im * _re[b] - re * _im[b], re * _re[b] + im * _im[b]);
            double expected = w * _hop;
            double deviation = Math.IEEERemainder(advance - expected, 2 * Math.PI) / _hop / w;
            _re[b] = re;
            _im[b] = im;
            _power[b] = re * re + im * im;
            _deviation[b] = deviation;
        }
        int row = Strongest(0);
        int column = Strongest(4);
        if (row < 0 || column < 0)
        {
            return '\0';
        }
        double low = _power[row], high = _power[column + 4];
        double twistDb = 10 * Math.Log10(high / low);
        bool accepted = twistDb <= _options.MaxReverseTwistDb
            && -twistDb <= _options.MaxNormalTwistDb
            && (low + high) >= _options.MinPurity * energy * _window / 2
            && Math.Abs(_deviation[row]) <= _options.MaxFrequencyDeviation
            && Math.Abs(_deviation[column + 4]) <= _options.MaxFrequencyDeviation;
        return accepted ? DtmfTones.Key(row, column) : '\0';
    }

    private static double Energy(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (float v in x)
        {
            sum += v * v;
        }
        return sum;
    }

    private static void Goertzel(ReadOnlySpan<float> x, double coeff, ref double s1, ref double s2)
    {
        foreach (float v in x)
        {
            double s0 = v + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
    }

    // Index (0..3) of the group's peak if it is loud enough and 6 dB above the rest of its group, else -1.
    private int Strongest(int first)
    {
        int best = first;
        for (int b = first + 1; b < first + 4; b++)
        {
            if (_power[b] > _power[best])
            {
                best = b;
            }
        }
        if (_power[best] < _minPower)
        {
            return -1;
        }
        for (int b = first; b < first + 4; b++)
        {
            if (b != best && _power[b] * 4 > _power[best])
            {
                return -1;
            }
        }
        return best - first;
    }
}

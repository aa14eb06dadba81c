namespace Appliance.Audio.Tones;

/// <summary>
/// Recognises a country plan's call-progress tones (dial, ringback, busy, reorder) in line audio.
/// Every 20 ms the last 40 ms go through one Goertzel filter per distinct frequency of the plan (40 ms
/// gives 25 Hz resolution). A tone is present in a window when its frequencies hold at least
/// <see cref="CallProgressToneDetectorOptions.MinPurity"/> of the window's energy, which speech, music
/// and DTMF do not; that share is the least-squares fit of the tone's sinusoids (<see cref="ToneProjection"/>),
/// so close pairs such as 440+480 Hz, which leak into each other's bins, are still measured exactly. The on/off runs of that presence are
/// then matched against the tone's cadence, and the tone counts once it has repeated for
/// <see cref="CallProgressToneDetectorOptions.MinCycles"/> cycles (continuous tones: for
/// <see cref="CallProgressToneDetectorOptions.ContinuousMinimum"/>). No allocation after construction.
/// </summary>
public sealed class CallProgressToneDetector
{
    private const int HopMs = 20;
    private const int WindowMs = 40;
    private readonly TonePlan _plan;
    private readonly CallProgressToneDetectorOptions _options;
    private readonly int _window;
    private readonly int _hop;
    private readonly float[] _history;
    private readonly double[] _coeff;
    private readonly double[] _rotateRe;      // per distinct frequency: e^{-jw(N-1)}, so Goertzel gives sum x[n] e^{-jwn}
    private readonly double[] _rotateIm;
    private readonly double[] _sinW;
    private readonly double[] _cos;           // per distinct frequency: sum x[n] cos(wn) over the window
    private readonly double[] _sin;           // per distinct frequency: sum x[n] sin(wn)
    private readonly int[][] _toneBins;       // per tone: indexes of its frequencies
    private readonly ToneProjection[] _projections;
    private readonly int[][] _lower;          // per tone and cadence step: shortest accepted run (ms)
    private readonly int[][] _upper;          // per tone and cadence step: longest accepted run (ms)
    private readonly Track[] _tracks;
    private readonly double _minMeanSquare;
    private int _filled;
    private int _head;
    private int _sinceHop;

    public CallProgressToneDetector(TonePlan plan, int sampleRate = AudioFormat.TelephonyRate, CallProgressToneDetectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (sampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "Tone detection runs at 8000 or 16000 Hz.");
        }
        _options = options ?? new CallProgressToneDetectorOptions();
        _options.Validate();
        _plan = plan;
        SampleRate = sampleRate;
        _window = sampleRate * WindowMs / 1000;
        _hop = sampleRate * HopMs / 1000;
        _history = new float[_window];

        var frequencies = new List<double>();
        _toneBins = new int[plan.Tones.Count][];
        _lower = new int[plan.Tones.Count][];
        _upper = new int[plan.Tones.Count][];
        for (int t = 0; t < plan.Tones.Count; t++)
        {
            var tone = plan.Tones[t];
            _toneBins[t] = new int[tone.Frequencies.Count];
            for (int k = 0; k < tone.Frequencies.Count; k++)
            {
                int index = frequencies.IndexOf(tone.Frequencies[k]);
                if (index < 0)
                {
                    index = frequencies.Count;
                    frequencies.Add(tone.Frequencies[k]);
                }
                _toneBins[t][k] = index;
            }
            _lower[t] = new int[tone.Cadence.Count];
            _upper[t] = new int[tone.Cadence.Count];
            for (int s = 0; s < tone.Cadence.Count; s++)
            {
                double margin = tone.Cadence[s] * _options.CadenceTolerance + _options.CadenceSlack.TotalMilliseconds;
                _lower[t][s] = (int)(tone.Cadence[s] - margin);
                _upper[t][s] = (int)Math.Ceiling(tone.Cadence[s] + margin);
            }
        }
        _coeff = new double[frequencies.Count];
        _rotateRe = new double[frequencies.Count];
        _rotateIm = new double[frequencies.Count];
        _sinW = new double[frequencies.Count];
        for (int f = 0; f < _coeff.Length; f++)
        {
            double w = 2 * Math.PI * frequencies[f] / sampleRate;
            _coeff[f] = 2 * Math.Cos(w);
            _sinW[f] = Math.Sin(w);
            _rotateRe[f] = Math.Cos(w * (_window - 1));
            _rotateIm[f] = -Math.Sin(w * (_window - 1));
        }
        _cos = new double[frequencies.Count];
        _sin = new double[frequencies.Count];
        _projections = new ToneProjection[plan.Tones.Count];
        for (int t = 0; t < plan.Tones.Count; t++)
        {
            _projections[t] = new ToneProjection(plan.Tones[t].Frequencies, sampleRate, _window);
        }
        _tracks = new Track[plan.Tones.Count];
        double minRms = 32767 * Math.Pow(10, _options.MinLevelDbfs / 20);
        _minMeanSquare = minRms * minRms;
    }

    public int SampleRate { get; }

    public TonePlan Plan => _plan;

    /// <summary>The tone being heard now (its cadence still holding), or None.</summary>
    public CallProgressTone Detected { get; private set; }

    /// <summary>Feeds samples (any length, typically one 20 ms frame); returns a tone newly recognised in them, or None.</summary>
    public CallProgressTone Process(ReadOnlySpan<short> samples)
    {
        var newly = CallProgressTone.None;
        foreach (short s in samples)
        {
            _history[_head] = s;
            _head = _head + 1 == _window ? 0 : _head + 1;
            _filled = Math.Min(_filled + 1, _window);
            if (++_sinceHop < _hop || _filled < _window)
            {
                continue;
            }
            _sinceHop = 0;
            var before = Detected;
            Evaluate();
            if (Detected != CallProgressTone.None && Detected != before)
            {
                newly = Detected;
            }
        }
        return newly;
    }

    /// <summary>Forgets the stream (new call).</summary>
    public void Reset()
    {
        Array.Clear(_history);
        Array.Clear(_tracks);
        _filled = _head = _sinceHop = 0;
        Detected = CallProgressTone.None;
    }

    private void Evaluate()
    {
        // The ring holds the window oldest-first as [_head..] followed by [.._head]; Goertzel needs that order.
        ReadOnlySpan<float> older = _history.AsSpan(_head);
        ReadOnlySpan<float> newer = _history.AsSpan(0, _head);
        double energy = 0;
        foreach (float v in older)
        {
            energy += v * v;
        }
        foreach (float v in newer)
        {
            energy += v * v;
        }
        bool loud = energy >= _minMeanSquare * _window;
        for (int f = 0; f < _coeff.Length && loud; f++)
        {
            double s1 = 0, s2 = 0, c = _coeff[f];
            foreach (float v in older)
            {
                double s0 = v + c * s1 - s2;
                s2 = s1;
                s1 = s0;
            }
            foreach (float v in newer)
            {
                double s0 = v + c * s1 - s2;
                s2 = s1;
                s1 = s0;
            }
            // Goertzel ends with y = sum x[n] e^{jw(N-1-n)}; rotating by e^{-jw(N-1)} gives sum x[n] e^{-jwn}.
            double yRe = s1 - 0.5 * c * s2;
            double yIm = s2 * _sinW[f];
            _cos[f] = yRe * _rotateRe[f] - yIm * _rotateIm[f];
            _sin[f] = -(yRe * _rotateIm[f] + yIm * _rotateRe[f]);
        }

        var detected = CallProgressTone.None;
        for (int t = 0; t < _tracks.Length; t++)
        {
            bool present = false;
            if (loud)
            {
                present = _projections[t].Energy(_toneBins[t], _cos, _sin) >= _options.MinPurity * energy;
            }
            Step(t, present);
            if (_tracks[t].Detected && detected == CallProgressTone.None)
            {
                detected = _plan.Tones[t].Kind;
            }
        }
        Detected = detected;
    }

    private void Step(int t, bool present)
    {
        ref var track = ref _tracks[t];
        if (present == track.Present)
        {
            track.RunMs += HopMs;
        }
        else
        {
            Complete(t, track.Present, track.RunMs);
            track.Present = present;
            track.RunMs = HopMs;
        }

        var tone = _plan.Tones[t];
        if (tone.IsContinuous)
        {
            track.Detected = present && track.RunMs >= _options.ContinuousMinimum.TotalMilliseconds;
            return;
        }
        if (track.Matched == 0)
        {
            return;
        }
        if (track.RunMs > _upper[t][track.Expected])
        {
            // The run already outlasts the step the cadence expects (a tone that went continuous, or stopped).
            track.Matched = 0;
            track.Detected = false;
            return;
        }
        // The run in progress counts once it is long enough, so detection does not wait for its end.
        int ongoing = track.RunMs >= _lower[t][track.Expected] ? 1 : 0;
        if (track.Matched + ongoing >= _options.MinCycles * tone.Cadence.Count)
        {
            track.Detected = true;
        }
    }

    // A run (on or off) ended: it either continues the cadence matched so far or may start a new match.
    private void Complete(int t, bool wasOn, int runMs)
    {
        ref var track = ref _tracks[t];
        int[] lower = _lower[t], upper = _upper[t];
        if (track.Matched > 0 && runMs >= lower[track.Expected] && runMs <= upper[track.Expected])
        {
            track.Matched++;
            track.Expected = (track.Expected + 1) % lower.Length;
            return;
        }
        track.Matched = 0;
        track.Detected = false;
        // Steps alternate on (even) and off (odd); a run can start a match at any step of its kind.
        for (int s = wasOn ? 0 : 1; s < lower.Length; s += 2)
        {
            if (runMs >= lower[s] && runMs <= upper[s])
            {
                track.Matched = 1;
                track.Expected = (s + 1) % lower.Length;
                return;
            }
        }
    }

    private struct Track
    {
        public bool Present;
        public int RunMs;
        public int Matched;     // consecutive runs that fit the cadence
        public int Expected;    // cadence step the current run should fit
        public bool Detected;
    }
}

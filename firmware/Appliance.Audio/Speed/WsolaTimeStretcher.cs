namespace Appliance.Audio.Speed;

/// <summary>
/// Voice speed without pitch change: WSOLA (waveform-similarity overlap-add). Hann windows of 20 ms are
/// taken from the input every <c>hop × speed</c> samples and overlap-added every <c>hop</c> (10 ms);
/// each window's start is moved by up to ±5 ms to the place whose waveform best continues the previous
/// one (normalised cross-correlation), which keeps pitch periods intact.
/// Push input with <see cref="Write"/>, pull output with <see cref="Read"/>. No allocation after
/// construction; one instance per stream. Seed fields: <c>audio_speed</c> (0.5–1.5) and <c>voiceSpeed</c> (0.5–2).
/// </summary>
public sealed class WsolaTimeStretcher
{
    /// <summary>Slowest supported speed.</summary>
    public const double MinSpeed = 0.5;

    /// <summary>Fastest supported speed.</summary>
    public const double MaxSpeed = 2.0;

    private const int InputCapacity = 8192;
    private const int OutputCapacity = 8192;

    private readonly int _window;   // W = 20 ms
    private readonly int _hop;      // synthesis hop = W / 2
    private readonly int _tolerance; // search ±W / 4
    private readonly float[] _hann;
    private readonly float[] _input = new float[InputCapacity];
    private readonly float[] _overlap;
    private readonly short[] _output = new short[OutputCapacity];
    private long _inputBase;      // absolute index of _input[0]
    private int _inputCount;
    private double _nominal;      // absolute analysis position of the next window (before the search)
    private long _previous = -1;  // absolute start of the last chosen window
    private int _outputStart;
    private int _outputCount;
    private double _speed = 1.0;

    /// <summary>Creates a stretcher for audio at <paramref name="sampleRate"/>.</summary>
    public WsolaTimeStretcher(int sampleRate)
    {
        _window = AudioFormat.SamplesPerFrame(sampleRate);
        _hop = _window / 2;
        _tolerance = _window / 4;
        _hann = new float[_window];
        for (int i = 0; i < _window; i++)
        {
            _hann[i] = (float)(0.5 - 0.5 * Math.Cos(2 * Math.PI * i / _window)); // periodic Hann: sums to 1 at 50 % overlap
        }
        _overlap = new float[_hop];
        SampleRate = sampleRate;
    }

    /// <summary>Sample rate of input and output.</summary>
    public int SampleRate { get; }

    /// <summary>Playback speed (1 = unchanged, 2 = twice as fast); clamped to 0.5..2.</summary>
    public double Speed
    {
        get => _speed;
        set => _speed = double.IsFinite(value) ? Math.Clamp(value, MinSpeed, MaxSpeed) : 1.0;
    }

    /// <summary>Samples ready to be read.</summary>
    public int Available => _outputCount;

    /// <summary>
    /// Adds input; returns how many samples were taken (fewer than offered only when unread output
    /// fills the internal queue: read, then offer the rest again).
    /// </summary>
    public int Write(ReadOnlySpan<short> input)
    {
        int taken = 0;
        while (taken < input.Length)
        {
            if (InputCapacity - _inputCount < input.Length - taken)
            {
                Compact();
            }
            int room = InputCapacity - _inputCount;
            if (room == 0)
            {
                break;
            }
            int n = Math.Min(room, input.Length - taken);
            for (int i = 0; i < n; i++)
            {
                _input[_inputCount + i] = input[taken + i];
            }
            _inputCount += n;
            taken += n;
            while (OutputCapacity - _outputCount >= _hop && TryStep())
            {
            }
            if (OutputCapacity - _outputCount < _hop)
            {
                break;
            }
        }
        return taken;
    }

    /// <summary>Copies up to output.Length ready samples; returns how many.</summary>
    public int Read(Span<short> output)
    {
        int n = Math.Min(output.Length, _outputCount);
        for (int i = 0; i < n; i++)
        {
            output[i] = _output[(_outputStart + i) % OutputCapacity];
        }
        _outputStart = (_outputStart + n) % OutputCapacity;
        _outputCount -= n;
        return n;
    }

    /// <summary>Drops all buffered audio (barge-in).</summary>
    public void Reset()
    {
        _inputBase = 0;
        _inputCount = 0;
        _nominal = 0;
        _previous = -1;
        _outputStart = _outputCount = 0;
        Array.Clear(_overlap);
    }

    private bool TryStep()
    {
        long nominal = (long)_nominal;
        long searchFrom = Math.Max(_inputBase, nominal - _tolerance);
        long searchTo = nominal + _tolerance;
        long needed = Math.Max(searchTo + _window, _previous + _hop + _window);
        if (needed > _inputBase + _inputCount)
        {
            return false;
        }
        long start = _previous < 0 ? nominal : BestStart(_previous + _hop, searchFrom, searchTo);
        ReadOnlySpan<float> segment = _input.AsSpan((int)(start - _inputBase), _window);
        int tail = (_outputStart + _outputCount) % OutputCapacity;
        for (int i = 0; i < _hop; i++)
        {
            float v = _overlap[i] + _hann[i] * segment[i];
            _output[(tail + i) % OutputCapacity] = (short)Math.Clamp(MathF.Round(v), short.MinValue, short.MaxValue);
            _overlap[i] = _hann[_hop + i] * segment[_hop + i];
        }
        _outputCount += _hop;
        _previous = start;
        _nominal += _hop * _speed;
        return true;
    }

    // The candidate in [from, to] whose window correlates best with the natural continuation at `target`.
    private long BestStart(long target, long from, long to)
    {
        ReadOnlySpan<float> reference = _input.AsSpan((int)(target - _inputBase), _window);
        long best = from;
        double bestScore = double.NegativeInfinity;
        for (long candidate = from; candidate <= to; candidate++)
        {
            ReadOnlySpan<float> x = _input.AsSpan((int)(candidate - _inputBase), _window);
            double dot = 0, energy = 1e-9;
            for (int i = 0; i < x.Length; i += 2) // every other sample: same choice, half the cost
            {
                dot += reference[i] * x[i];
                energy += x[i] * x[i];
            }
            double score = dot / Math.Sqrt(energy);
            if (score > bestScore)
            {
                bestScore = score;
                best = candidate;
            }
        }
        return best;
    }

    // Drops input no future window can use.
    private void Compact()
    {
        long keepFrom = Math.Max(_inputBase, (long)_nominal - _tolerance);
        if (_previous >= 0)
        {
            keepFrom = Math.Min(keepFrom, _previous + _hop);
        }
        int drop = (int)Math.Min(keepFrom - _inputBase, _inputCount);
        if (drop <= 0)
        {
            return;
        }
        Array.Copy(_input, drop, _input, 0, _inputCount - drop);
        _inputCount -= drop;
        _inputBase += drop;
    }
}

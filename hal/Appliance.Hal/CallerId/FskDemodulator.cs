namespace Appliance.Hal.CallerId;

/// <summary>
/// Streaming caller-ID receiver: a pair of sliding one-bit quadrature correlators (mark and space
/// tone energy) decides each sample's bit, an asynchronous-serial receiver assembles bytes, and
/// <see cref="CallerIdMessageCodec"/> picks out the checksum-valid message. Frames are processed
/// in place with no allocation until a message is found.
/// </summary>
public sealed class FskDemodulator
{
    /// <summary>Below this RMS (about -50 dBFS) the line counts as silent and no bits are decided.</summary>
    private const double MinRms = 0.003;
    private const int MaxBytes = 512;

    private readonly double _markStep;
    private readonly double _spaceStep;
    private readonly double _samplesPerBit;
    private readonly int _window;
    private readonly double _minPower;
    private readonly double[] _history; // 5 values per sample: mark I/Q, space I/Q, power
    private readonly byte[] _bytes = new byte[MaxBytes];
    private int _pos;
    private double _markPhase;
    private double _spacePhase;
    private double _markI, _markQ, _spaceI, _spaceQ, _power;
    private UartState _state;
    private double _countdown;
    private int _bitIndex;
    private int _byte;
    private int _byteCount;
    private double _metric1, _metric2; // the two previous normalised mark-minus-space metrics
    private BandPass _bandPass;

    public FskDemodulator(FskStandard standard, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(standard);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 4800);
        Standard = standard;
        _markStep = 2 * Math.PI * standard.MarkHz / sampleRate;
        _spaceStep = 2 * Math.PI * standard.SpaceHz / sampleRate;
        _samplesPerBit = sampleRate / FskStandard.BaudRate;
        _window = (int)Math.Round(_samplesPerBit);
        _minPower = MinRms * MinRms * _window;
        _history = new double[_window * 5];
        _bandPass = new BandPass(Math.Sqrt(standard.MarkHz * standard.SpaceHz), 1.2, sampleRate);
    }

    private enum UartState
    {
        Idle,
        StartBit,
        DataBits,
        StopBit,
    }

    public FskStandard Standard { get; }

    /// <summary>The last message decoded, until <see cref="Reset"/>.</summary>
    public CallerIdInfo? Message { get; private set; }

    /// <summary>Characters received with a bad stop bit (line noise).</summary>
    public int FramingErrors { get; private set; }

    /// <summary>Feeds line samples; returns true when this call completed a message.</summary>
    public bool Process(ReadOnlySpan<short> samples)
    {
        bool found = false;
        foreach (short s in samples)
        {
            found |= Step(s / 32768.0);
        }

        return found;
    }

    public void Reset()
    {
        Array.Clear(_history);
        _markI = _markQ = _spaceI = _spaceQ = _power = 0;
        _state = UartState.Idle;
        _bandPass.Clear();
        _byteCount = 0;
        Message = null;
        FramingErrors = 0;
    }

    private bool Step(double input)
    {
        double x = _bandPass.Filter(input);
        _markPhase = (_markPhase + _markStep) % (2 * Math.PI);
        _spacePhase = (_spacePhase + _spaceStep) % (2 * Math.PI);
        int h = _pos * 5;
        Slide(ref _markI, h, x * Math.Cos(_markPhase));
        Slide(ref _markQ, h + 1, x * Math.Sin(_markPhase));
        Slide(ref _spaceI, h + 2, x * Math.Cos(_spacePhase));
        Slide(ref _spaceQ, h + 3, x * Math.Sin(_spacePhase));
        Slide(ref _power, h + 4, x * x);
        _pos = (_pos + 1) % _window;

        if (_power < _minPower)
        {
            _state = UartState.Idle;
            return false;
        }

        double markEnergy = (_markI * _markI) + (_markQ * _markQ);
        double spaceEnergy = (_spaceI * _spaceI) + (_spaceQ * _spaceQ);
        double metric = (markEnergy - spaceEnergy) / (markEnergy + spaceEnergy + double.Epsilon);
        bool voted = metric + _metric1 + _metric2 > 0;
        _metric2 = _metric1;
        _metric1 = metric;
        return Receive(metric > 0, voted);
    }

    private void Slide(ref double sum, int slot, double value)
    {
        sum += value - _history[slot];
        _history[slot] = value;
    }

    /// <summary>
    /// Asynchronous serial receiver: a space starts a character; each bit is then read as the
    /// sum of the three normalised metrics around its centre (<paramref name="voted"/>), which is
    /// why the first countdown runs half a bit plus one sample.
    /// </summary>
    private bool Receive(bool now, bool voted)
    {
        switch (_state)
        {
            case UartState.Idle:
                if (!now)
                {
                    _state = UartState.StartBit;
                    _countdown = (_samplesPerBit / 2) + 1;
                }

                return false;
            case UartState.StartBit:
                if (--_countdown <= 0)
                {
                    _state = voted ? UartState.Idle : UartState.DataBits;
                    _countdown += _samplesPerBit;
                    _bitIndex = 0;
                    _byte = 0;
                }

                return false;
            case UartState.DataBits:
                if (--_countdown <= 0)
                {
                    _byte |= (voted ? 1 : 0) << _bitIndex++;
                    _countdown += _samplesPerBit;
                    if (_bitIndex == 8)
                    {
                        _state = UartState.StopBit;
                    }
                }

                return false;
            default:
                if (--_countdown > 0)
                {
                    return false;
                }

                _state = UartState.Idle;
                if (!voted)
                {
                    FramingErrors++;
                    return false;
                }

                return StoreByte((byte)_byte);
        }
    }

    private bool StoreByte(byte value)
    {
        if (_byteCount == MaxBytes)
        {
            _byteCount = 0; // far longer than any message: noise, start over
        }

        _bytes[_byteCount++] = value;
        if (!CallerIdMessageCodec.TryDecode(_bytes.AsSpan(0, _byteCount), out var info))
        {
            return false;
        }

        Message = info;
        _byteCount = 0;
        return true;
    }
}

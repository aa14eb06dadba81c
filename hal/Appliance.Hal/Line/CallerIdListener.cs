using Appliance.Audio.Dtmf;
using Appliance.Hal.CallerId;

namespace Appliance.Hal.Line;

/// <summary>
/// Listens to the on-hook line for caller ID in all three forms at once (Bell 202 FSK, V.23 FSK,
/// DTMF), so one firmware works on any exchange without a per-country switch.
/// </summary>
internal sealed class CallerIdListener
{
    private readonly FskDemodulator _bell202;
    private readonly FskDemodulator _v23;
    private readonly DtmfDetector _dtmf;
    private readonly DtmfDigit[] _found = new DtmfDigit[4];
    private readonly char[] _digits = new char[DtmfCallerIdParser.MaxDigits + 2];
    private int _digitCount;

    public CallerIdListener(int sampleRate)
    {
        _bell202 = new FskDemodulator(FskStandard.Bell202, sampleRate);
        _v23 = new FskDemodulator(FskStandard.V23, sampleRate);
        _dtmf = new DtmfDetector(sampleRate);
    }

    /// <summary>Feeds one on-hook frame; returns the caller ID once a complete one is received.</summary>
    public CallerIdInfo? Process(ReadOnlySpan<short> frame)
    {
        if (_bell202.Process(frame))
        {
            return _bell202.Message;
        }

        if (_v23.Process(frame))
        {
            return _v23.Message;
        }

        int keys = _dtmf.Process(frame, _found);
        for (int i = 0; i < keys; i++)
        {
            char key = _found[i].Key;
            if (key is 'A' or 'B' or 'D')
            {
                _digitCount = 0; // a start code begins a new sequence
            }

            if (_digitCount < _digits.Length)
            {
                _digits[_digitCount++] = key;
            }

            if (key == 'C')
            {
                bool parsed = DtmfCallerIdParser.TryParse(_digits.AsSpan(0, _digitCount), out var info);
                _digitCount = 0;
                if (parsed)
                {
                    return info;
                }
            }
        }

        return null;
    }

    public void Reset()
    {
        _bell202.Reset();
        _v23.Reset();
        _dtmf.Reset();
        _digitCount = 0;
    }
}

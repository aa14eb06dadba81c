using Appliance.Audio.Dtmf;

namespace Appliance.Hal.Line;

/// <summary>
/// Listens to the line during a call: the caller's DTMF keys, and the two audio signs that the far
/// end is gone (the exchange's disconnect tone, or silence for too long). No allocation per frame.
/// </summary>
internal sealed class InCallListener
{
    private readonly DtmfDetector _dtmf;
    private readonly DtmfDigit[] _found = new DtmfDigit[4];
    private readonly IDisconnectToneDetector? _disconnectTone;
    private readonly double _silenceRms;
    private readonly int _silenceFrameLimit;
    private int _silentFrames;
    private int _keyCount;

    public InCallListener(int sampleRate, AnalogLineOptions options, IDisconnectToneDetector? disconnectTone)
    {
        _dtmf = new DtmfDetector(sampleRate);
        _disconnectTone = disconnectTone;
        _silenceRms = options.SilenceRms;
        _silenceFrameLimit = (int)(options.SilenceTimeout.Ticks / TimeSpan.FromMilliseconds(20).Ticks);
    }

    /// <summary>Keys pressed in the last processed frame.</summary>
    public ReadOnlySpan<DtmfDigit> Keys => _found.AsSpan(0, _keyCount);

    /// <summary>Feeds one frame; returns why the call should end, or null.</summary>
    public CallEndReason? Process(ReadOnlySpan<short> frame)
    {
        _keyCount = _dtmf.Process(frame, _found);
        if (_disconnectTone?.Process(frame) == true)
        {
            return CallEndReason.DisconnectTone;
        }

        if (_silenceFrameLimit == 0)
        {
            return null;
        }

        _silentFrames = IsSilent(frame) ? _silentFrames + 1 : 0;
        return _silentFrames >= _silenceFrameLimit ? CallEndReason.Silence : null;
    }

    /// <summary>Starts listening to a new call.</summary>
    public void Reset()
    {
        _dtmf.Reset();
        _disconnectTone?.Reset();
        _silentFrames = 0;
        _keyCount = 0;
    }

    private bool IsSilent(ReadOnlySpan<short> frame)
    {
        double sum = 0;
        foreach (short s in frame)
        {
            sum += s * s;
        }

        return sum < _silenceRms * _silenceRms * frame.Length;
    }
}

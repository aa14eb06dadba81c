namespace Appliance.Audio.Echo;

/// <summary>
/// Geigel double-talk detector: when the microphone's peak exceeds <c>ratio</c> times the
/// loudest reference sample within the echo tail, the echo alone cannot explain it, so the near
/// end is talking and adaptation must pause (or the filter would learn the caller's voice).
/// A hold keeps adaptation frozen for a short while after the last detection. Per 20 ms frame.
/// </summary>
internal sealed class GeigelDoubleTalkDetector
{
    private readonly float _ratio;
    private readonly int _holdFrames;
    private int _hold;

    /// <param name="ratio">0.5 assumes the echo path attenuates by at least 6 dB (line echo).</param>
    public GeigelDoubleTalkDetector(float ratio = 0.5f, int holdFrames = 4)
    {
        _ratio = ratio;
        _holdFrames = holdFrames;
    }

    public bool Active => _hold > 0;

    /// <param name="micPeak">Largest |sample| of the microphone frame.</param>
    /// <param name="referencePeak">Largest |sample| of the reference over the tail plus this frame.</param>
    public bool Update(float micPeak, float referencePeak)
    {
        if (micPeak > _ratio * referencePeak)
        {
            _hold = _holdFrames;
        }
        else if (_hold > 0)
        {
            _hold--;
        }
        return Active;
    }

    public void Reset() => _hold = 0;
}

namespace Appliance.Audio.Vad;

/// <summary>
/// Minimum of a level over a sliding window, kept as the minima of a few sub-windows (minimum
/// statistics, Martin 2001): O(1) per frame, fixed memory. The window must span the caller's
/// pauses so the minimum lands on background-only audio.
/// </summary>
internal sealed class MinimumTracker
{
    private readonly float[] _subMinima;
    private readonly int _subWindowFrames;
    private int _framesInSub;
    private int _next;
    private float _current = float.MaxValue;

    public MinimumTracker(int subWindows, int subWindowFrames)
    {
        _subMinima = new float[subWindows];
        _subWindowFrames = subWindowFrames;
        Reset();
    }

    public float Minimum { get; private set; } = float.MaxValue;

    public void Push(float level)
    {
        _current = MathF.Min(_current, level);
        Minimum = MathF.Min(Minimum, level);
        if (++_framesInSub < _subWindowFrames)
        {
            return;
        }
        _subMinima[_next] = _current;
        _next = (_next + 1) % _subMinima.Length;
        _framesInSub = 0;
        _current = float.MaxValue;
        float min = float.MaxValue;
        foreach (float m in _subMinima)
        {
            min = MathF.Min(min, m);
        }
        Minimum = min;
    }

    public void Reset()
    {
        Array.Fill(_subMinima, float.MaxValue);
        _framesInSub = 0;
        _next = 0;
        _current = float.MaxValue;
        Minimum = float.MaxValue;
    }
}

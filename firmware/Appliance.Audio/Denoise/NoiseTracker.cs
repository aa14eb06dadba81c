namespace Appliance.Audio.Denoise;

/// <summary>
/// Noise power spectrum estimate by MCRA (Cohen and Berdugo, "Noise estimation by minima
/// controlled recursive averaging", 2002): the periodogram, smoothed over 3 bins and in time, is
/// compared with its minimum over the last 1..2 s; bins well above that minimum count as speech,
/// and the noise estimate is a recursive average whose update slows down in proportion to the
/// smoothed speech-presence probability. Tracks non-stationary noise within ~2 s, never lets speech
/// peaks leak into the estimate. The published estimate is averaged over neighbouring bins, which
/// halves its variance for broadband noise (fewer isolated over- and under-estimates, so less
/// musical noise). Per frame work is a few passes over the bins; nothing allocates.
/// </summary>
internal sealed class NoiseTracker
{
    // Time constants for one update per 20 ms hop.
    private const float PeriodogramSmoothing = 0.8f;
    private const float PresenceSmoothing = 0.2f;
    private const float NoiseSmoothing = 0.95f;
    // Smoothed power above this multiple of the minimum means speech in that bin.
    private const float PresenceRatio = 3f;
    // The minimum is searched over windows of this many frames (1 s); memory is 1..2 windows.
    private const int MinimumWindowFrames = 50;

    private readonly float[] _smoothed;
    private readonly float[] _minimum;
    private readonly float[] _windowMinimum;
    private readonly float[] _presence;
    private readonly float[] _noise;
    private readonly float[] _spread;
    private readonly int _spreadBins;
    private int _framesInWindow;
    private bool _started;

    /// <param name="spreadBins">Half-width of the frequency average of the published estimate.</param>
    public NoiseTracker(int bins, int spreadBins)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(spreadBins);
        _spreadBins = spreadBins;
        _spread = new float[bins];
        _smoothed = new float[bins];
        _minimum = new float[bins];
        _windowMinimum = new float[bins];
        _presence = new float[bins];
        _noise = new float[bins];
    }

    /// <summary>Noise power per bin (same scale as the periodogram).</summary>
    public ReadOnlySpan<float> Noise => _spread;

    public void Update(ReadOnlySpan<float> power)
    {
        int bins = _noise.Length;
        if (!_started)
        {
            power.CopyTo(_smoothed);
            power.CopyTo(_minimum);
            power.CopyTo(_windowMinimum);
            power.CopyTo(_noise);
            _started = true;
            Spread();
            return;
        }
        bool windowEnds = ++_framesInWindow >= MinimumWindowFrames;
        for (int k = 0; k < bins; k++)
        {
            float left = power[k > 0 ? k - 1 : k + 1];
            float right = power[k < bins - 1 ? k + 1 : k - 1];
            float local = 0.25f * left + 0.5f * power[k] + 0.25f * right;
            float s = PeriodogramSmoothing * _smoothed[k] + (1f - PeriodogramSmoothing) * local;
            _smoothed[k] = s;
            float min = MathF.Min(_minimum[k], s);
            float windowMin = MathF.Min(_windowMinimum[k], s);
            if (windowEnds)
            {
                // Keep the minimum of the last window only, so a rising noise is followed.
                min = windowMin;
                windowMin = s;
            }
            _minimum[k] = min;
            _windowMinimum[k] = windowMin;
            float present = s > PresenceRatio * min ? 1f : 0f;
            float p = PresenceSmoothing * _presence[k] + (1f - PresenceSmoothing) * present;
            _presence[k] = p;
            float a = NoiseSmoothing + (1f - NoiseSmoothing) * p;
            _noise[k] = a * _noise[k] + (1f - a) * power[k];
        }
        if (windowEnds)
        {
            _framesInWindow = 0;
        }
        Spread();
    }

    // Moving average over 2 * spreadBins + 1 bins (fewer at the edges) with a running sum.
    private void Spread()
    {
        int bins = _noise.Length;
        double sum = 0; // double: the running sum spans bins of very different power
        int hi = Math.Min(bins - 1, _spreadBins);
        for (int j = 0; j <= hi; j++)
        {
            sum += _noise[j];
        }
        int lo = 0;
        for (int k = 0; k < bins; k++)
        {
            _spread[k] = (float)(sum / (hi - lo + 1));
            if (hi < bins - 1)
            {
                sum += _noise[++hi];
            }
            if (k - _spreadBins >= 0)
            {
                sum -= _noise[lo++];
            }
        }
    }

    public void Reset()
    {
        _started = false;
        _framesInWindow = 0;
        Array.Clear(_presence);
    }
}

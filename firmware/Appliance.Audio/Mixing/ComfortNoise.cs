namespace Appliance.Audio.Mixing;

/// <summary>
/// Low-level, slightly darkened white noise so the line never sounds dead (callers take digital
/// silence for a dropped call). xorshift32: deterministic, allocation-free.
/// </summary>
internal sealed class ComfortNoise
{
    private uint _state;
    private float _smoothed;

    public ComfortNoise(uint seed) => _state = seed == 0 ? 0x9E3779B9u : seed;

    /// <summary>Adds noise with RMS about <paramref name="rms"/> (16-bit units).</summary>
    public void AddTo(Span<float> mix, float rms)
    {
        for (int i = 0; i < mix.Length; i++)
        {
            _state ^= _state << 13;
            _state ^= _state >> 17;
            _state ^= _state << 5;
            float white = (_state / (float)uint.MaxValue - 0.5f) * 3.46f; // uniform with unit RMS
            _smoothed = 0.5f * _smoothed + 0.5f * white;
            mix[i] += rms * 1.73f * _smoothed; // the smoothing halves the power; restore it
        }
    }
}

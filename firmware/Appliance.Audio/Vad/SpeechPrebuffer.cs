namespace Appliance.Audio.Vad;

/// <summary>
/// Ring of the most recent samples so that, when speech is confirmed, the audio from just
/// before its start (the prebuffer plus the frames spent confirming it) can go to STT too.
/// Allocated once; writing and copying never allocate.
/// </summary>
public sealed class SpeechPrebuffer
{
    private readonly short[] _ring;
    private int _write;
    private int _count;

    public SpeechPrebuffer(int capacitySamples)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacitySamples);
        _ring = new short[Math.Max(1, capacitySamples)];
    }

    public int Capacity => _ring.Length;

    public int Count => _count;

    public void Write(ReadOnlySpan<short> samples)
    {
        if (samples.Length >= _ring.Length)
        {
            samples[^_ring.Length..].CopyTo(_ring);
            _write = 0;
            _count = _ring.Length;
            return;
        }
        int first = Math.Min(samples.Length, _ring.Length - _write);
        samples[..first].CopyTo(_ring.AsSpan(_write));
        samples[first..].CopyTo(_ring);
        _write = (_write + samples.Length) % _ring.Length;
        _count = Math.Min(_ring.Length, _count + samples.Length);
    }

    /// <summary>Copies the newest min(Count, destination.Length) samples, oldest first; returns how many.</summary>
    public int CopyNewest(Span<short> destination)
    {
        int n = Math.Min(_count, destination.Length);
        int start = (_write - n + _ring.Length) % _ring.Length;
        int first = Math.Min(n, _ring.Length - start);
        _ring.AsSpan(start, first).CopyTo(destination);
        _ring.AsSpan(0, n - first).CopyTo(destination[first..]);
        return n;
    }

    public void Clear()
    {
        _write = 0;
        _count = 0;
    }
}

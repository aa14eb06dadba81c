namespace Appliance.Audio;

/// <summary>
/// One 20 ms frame of mono 16-bit audio. Frames come from an <see cref="AudioFramePool"/> and go
/// back to it on <see cref="Dispose"/>, so steady-state processing allocates nothing.
/// Whoever holds the frame last disposes it; do not touch a frame after disposing it.
/// </summary>
public sealed class AudioFrame : IDisposable
{
    private readonly short[] _samples;
    private readonly AudioFramePool? _owner;
    private int _rented;

    internal AudioFrame(int sampleRate, AudioFramePool? owner)
    {
        SampleRate = sampleRate;
        _samples = new short[AudioFormat.SamplesPerFrame(sampleRate)];
        _owner = owner;
    }

    /// <summary>A frame that belongs to no pool (tests, one-off tools); Dispose is a no-op.</summary>
    public static AudioFrame CreateUnpooled(int sampleRate) => new(sampleRate, owner: null);

    /// <summary>Samples per second.</summary>
    public int SampleRate { get; }

    /// <summary>Number of samples (always one 20 ms frame at <see cref="SampleRate"/>).</summary>
    public int Length => _samples.Length;

    /// <summary>Media time of the first sample, counted from the start of the stream.</summary>
    public TimeSpan Timestamp { get; set; }

    /// <summary>The writable samples.</summary>
    public Span<short> Samples => _samples;

    /// <summary>The samples, read-only.</summary>
    public ReadOnlySpan<short> ReadOnlySamples => _samples;

    /// <summary>Copies <paramref name="source"/> (exactly one frame) into this frame.</summary>
    public void CopyFrom(ReadOnlySpan<short> source)
    {
        if (source.Length != _samples.Length)
        {
            throw new ArgumentException($"A 20 ms frame at {SampleRate} Hz holds {_samples.Length} samples, got {source.Length}.", nameof(source));
        }
        source.CopyTo(_samples);
    }

    /// <summary>Sets every sample to zero.</summary>
    public void Clear() => Array.Clear(_samples);

    internal void MarkRented()
    {
        _rented = 1;
    }

    /// <summary>Returns the frame to its pool; a second call is ignored.</summary>
    public void Dispose()
    {
        if (_owner is not null && Interlocked.Exchange(ref _rented, 0) == 1)
        {
            _owner.Return(this);
        }
    }
}

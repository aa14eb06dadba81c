namespace Appliance.Audio;

/// <summary>
/// A bounded pool of <see cref="AudioFrame"/>s of one sample rate. Rent allocates only while the pool
/// is empty (warm-up); after that frames cycle without garbage. Frames may be returned from another
/// thread (e.g. rented by the RTP receiver, disposed by the pipeline); the lock guards only an array push/pop.
/// </summary>
public sealed class AudioFramePool
{
    private static readonly AudioFramePool[] SharedPools =
    [
        new(8000), new(16000), new(24000), new(44100), new(48000),
    ];

    private readonly AudioFrame[] _free;
    private readonly Lock _gate = new();
    private int _count;

    /// <summary>Creates a pool that keeps at most <paramref name="capacity"/> idle frames.</summary>
    public AudioFramePool(int sampleRate, int capacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        AudioFormat.SamplesPerFrame(sampleRate); // validates the rate
        SampleRate = sampleRate;
        _free = new AudioFrame[capacity];
    }

    /// <summary>The process-wide pool for <paramref name="sampleRate"/>.</summary>
    public static AudioFramePool Shared(int sampleRate) => sampleRate switch
    {
        8000 => SharedPools[0],
        16000 => SharedPools[1],
        24000 => SharedPools[2],
        44100 => SharedPools[3],
        48000 => SharedPools[4],
        _ => throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "Unsupported sample rate."),
    };

    /// <summary>Sample rate of every frame in this pool.</summary>
    public int SampleRate { get; }

    /// <summary>Idle frames currently held.</summary>
    public int IdleCount
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Rents a frame; its samples are NOT cleared (callers overwrite the whole frame).</summary>
    public AudioFrame Rent(TimeSpan timestamp = default)
    {
        AudioFrame? frame = null;
        lock (_gate)
        {
            if (_count > 0)
            {
                frame = _free[--_count];
                _free[_count] = null!;
            }
        }
        frame ??= new AudioFrame(SampleRate, this);
        frame.Timestamp = timestamp;
        frame.MarkRented();
        return frame;
    }

    internal void Return(AudioFrame frame)
    {
        lock (_gate)
        {
            if (_count < _free.Length)
            {
                _free[_count++] = frame;
            }
        }
    }
}

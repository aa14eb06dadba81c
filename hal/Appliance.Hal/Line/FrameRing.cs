namespace Appliance.Hal.Line;

/// <summary>A fixed ring of equal-sized audio frames shared by one writer and one reader thread.</summary>
internal sealed class FrameRing(int capacity, int frameSamples)
{
    private readonly short[] _samples = new short[capacity * frameSamples];
    private readonly Lock _gate = new();
    private int _head;
    private int _count;

    public long Dropped { get; private set; }

    /// <summary>Adds a frame; when full either replaces the oldest or refuses (counted in <see cref="Dropped"/>).</summary>
    public bool Write(ReadOnlySpan<short> frame, bool overwriteOldest)
    {
        if (frame.Length != frameSamples)
        {
            throw new ArgumentException($"frames are {frameSamples} samples, got {frame.Length}", nameof(frame));
        }

        lock (_gate)
        {
            if (_count == capacity)
            {
                Dropped++;
                if (!overwriteOldest)
                {
                    return false;
                }

                _head = (_head + 1) % capacity;
                _count--;
            }

            int slot = (_head + _count) % capacity;
            frame.CopyTo(_samples.AsSpan(slot * frameSamples, frameSamples));
            _count++;
            return true;
        }
    }

    public bool TryRead(Span<short> frame)
    {
        if (frame.Length != frameSamples)
        {
            throw new ArgumentException($"frames are {frameSamples} samples, got {frame.Length}", nameof(frame));
        }

        lock (_gate)
        {
            if (_count == 0)
            {
                return false;
            }

            _samples.AsSpan(_head * frameSamples, frameSamples).CopyTo(frame);
            _head = (_head + 1) % capacity;
            _count--;
            return true;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _head = 0;
            _count = 0;
        }
    }
}

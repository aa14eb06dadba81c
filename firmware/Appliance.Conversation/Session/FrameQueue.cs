namespace Appliance.Conversation.Session;

/// <summary>
/// A single-producer single-consumer ring of fixed 20 ms frames, preallocated: the response task
/// writes the agent's speech, the media tick reads it, with no lock and no allocation per frame.
/// </summary>
internal sealed class FrameQueue
{
    private readonly short[] _samples;
    private readonly int _frameLength;
    private readonly int _capacity;
    private long _head; // next frame to read (consumer)
    private long _tail; // next frame to write (producer)

    public FrameQueue(int frameLength, int capacityFrames)
    {
        _frameLength = frameLength;
        _capacity = capacityFrames;
        _samples = new short[frameLength * capacityFrames];
    }

    public int Count => (int)(Volatile.Read(ref _tail) - Volatile.Read(ref _head));

    /// <summary>Producer side; false when full (the caller waits a frame and retries).</summary>
    public bool TryEnqueue(ReadOnlySpan<short> frame)
    {
        var tail = Volatile.Read(ref _tail);
        if (tail - Volatile.Read(ref _head) >= _capacity)
        {
            return false;
        }
        var slot = _samples.AsSpan((int)(tail % _capacity) * _frameLength, _frameLength);
        var n = Math.Min(frame.Length, _frameLength);
        frame[..n].CopyTo(slot);
        slot[n..].Clear();
        Volatile.Write(ref _tail, tail + 1);
        return true;
    }

    /// <summary>Consumer side.</summary>
    public bool TryDequeue(Span<short> frame)
    {
        var head = Volatile.Read(ref _head);
        if (head == Volatile.Read(ref _tail))
        {
            return false;
        }
        _samples.AsSpan((int)(head % _capacity) * _frameLength, _frameLength).CopyTo(frame);
        Volatile.Write(ref _head, head + 1);
        return true;
    }

    /// <summary>Consumer side: drops everything queued (barge-in).</summary>
    public void Clear() => Volatile.Write(ref _head, Volatile.Read(ref _tail));
}

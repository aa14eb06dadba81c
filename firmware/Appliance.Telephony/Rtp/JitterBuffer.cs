namespace Appliance.Telephony.Rtp;

/// <summary>
/// An adaptive playout buffer for 8 kHz PCM arriving in RTP packets of any packet time, read in fixed
/// 20 ms frames. Packets are slotted by sequence number; playout follows RTP timestamps, so gaps in
/// timestamps (lost packets) are concealed for exactly their length. The target depth follows the
/// measured interarrival jitter: it waits for that depth before playing, grows by not advancing on
/// underrun, and shrinks by skipping 20 ms when it holds far more than the target.
/// Lost audio is concealed by repeating the last 20 ms with a linear fade to silence over 100 ms.
/// All storage is allocated up front; Push and Read never allocate. Not thread-safe.
/// </summary>
public sealed class JitterBuffer
{
    public const int Capacity = 64;                       // packets (power of two for the slot mask)
    public const int MaxPacketSamples = 60 * RtpClock.SamplesPerMs;
    private const int Frame = RtpClock.SamplesPerFrame;
    private const int FadeSamples = 5 * Frame;
    private const int MaxUnderrunSamples = 50 * Frame;    // 1 s without data: stop playing, refill
    private const int MaxGapSamples = RtpClock.SampleRate; // larger timestamp gaps are a jump, not loss

    private readonly TimeProvider _time;
    private readonly long _epoch;
    private readonly short[] _samples = new short[Capacity * MaxPacketSamples];
    private readonly Slot[] _slots = new Slot[Capacity];
    private readonly short[] _history = new short[Frame];
    private readonly int _minDepth;
    private readonly int _maxDepth;
    private InterarrivalJitter _jitter;
    private State _state;
    private uint _ssrc;
    private ushort _nextSeq;
    private uint _playTs;
    private uint _highestEnd;
    private ushort _highestSeq;
    private int _count;
    private int _storedSamples;
    private int _concealRun;
    private bool _hasHistory;

    public JitterBuffer(TimeProvider time, int minDelayMs = 40, int maxDelayMs = 300)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(minDelayMs, RtpClock.FrameMs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDelayMs, 500);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelayMs, minDelayMs);
        _time = time;
        _epoch = time.GetTimestamp();
        _minDepth = minDelayMs * RtpClock.SamplesPerMs;
        _maxDepth = maxDelayMs * RtpClock.SamplesPerMs;
    }

    private enum State { Idle, Filling, Playing }

    private struct Slot
    {
        public bool Used;
        public ushort Seq;
        public uint Timestamp;
        public int Count;
        public int Consumed; // samples already played or skipped
    }

    public long LatePackets { get; private set; }
    public long DuplicatePackets { get; private set; }
    public long LostPackets { get; private set; }
    public long ConcealedFrames { get; private set; }
    public long SkippedFrames { get; private set; }
    public long Resets { get; private set; }

    public double JitterMs => _jitter.Milliseconds;

    /// <summary>The depth the buffer aims for: a frame plus three times the measured jitter, clamped.</summary>
    public int TargetDelayMs => TargetDepth / RtpClock.SamplesPerMs;

    /// <summary>Audio actually held (gaps from lost packets do not count).</summary>
    public int BufferedMs => _storedSamples / RtpClock.SamplesPerMs;

    private int TargetDepth => Math.Clamp(Frame + (int)(3 * _jitter.Samples), _minDepth, _maxDepth);

    /// <summary>Adds one packet's decoded samples. False if it was dropped (late, duplicate or invalid).</summary>
    public bool Push(ushort sequenceNumber, uint timestamp, uint ssrc, ReadOnlySpan<short> pcm)
    {
        if (pcm.IsEmpty || pcm.Length > MaxPacketSamples)
        {
            return false;
        }

        if (_state == State.Idle || ssrc != _ssrc)
        {
            Restart(sequenceNumber, timestamp, ssrc);
        }

        int ahead = unchecked((short)(ushort)(sequenceNumber - _nextSeq));
        if (ahead < 0 && _state == State.Filling && unchecked((short)(ushort)(_highestSeq - sequenceNumber)) < Capacity)
        {
            // Reordered before playout began: move the start back to this earlier packet.
            _nextSeq = sequenceNumber;
            _playTs = timestamp;
            ahead = 0;
        }

        if (ahead < 0)
        {
            LatePackets++;
            return false;
        }

        if (ahead >= Capacity)
        {
            // Far ahead of the playout point (sender restarted its numbering): start again from here.
            Restart(sequenceNumber, timestamp, ssrc);
        }

        ref Slot slot = ref _slots[sequenceNumber & (Capacity - 1)];
        if (slot.Used)
        {
            DuplicatePackets++;
            return false;
        }

        slot = new Slot { Used = true, Seq = sequenceNumber, Timestamp = timestamp, Count = pcm.Length };
        pcm.CopyTo(_samples.AsSpan((sequenceNumber & (Capacity - 1)) * MaxPacketSamples));
        uint end = unchecked(timestamp + (uint)pcm.Length);
        if (_count == 0 || unchecked((int)(end - _highestEnd)) > 0)
        {
            _highestEnd = end;
        }

        if (_count == 0 || unchecked((short)(ushort)(sequenceNumber - _highestSeq)) > 0)
        {
            _highestSeq = sequenceNumber;
        }

        _count++;
        _storedSamples += pcm.Length;
        _jitter.Update(timestamp, ArrivalInSamples());
        return true;
    }

    /// <summary>Fills one 20 ms frame (160 samples) for playout.</summary>
    public JitterBufferResult Read(Span<short> frame)
    {
        if (frame.Length != Frame)
        {
            throw new ArgumentException($"frame must hold {Frame} samples", nameof(frame));
        }

        if (_state != State.Playing && !TryStartPlaying())
        {
            return JitterBufferResult.Empty;
        }

        if (_storedSamples > TargetDepth + (2 * Frame))
        {
            _playTs = unchecked(_playTs + Frame);
            SkippedFrames++;
        }

        int filled = 0;
        bool concealed = false;
        while (filled < Frame)
        {
            int index = _nextSeq & (Capacity - 1);
            ref Slot slot = ref _slots[index];
            if (!slot.Used)
            {
                if (_count == 0)
                {
                    // Underrun: conceal without advancing, so a late packet still plays (the delay grows).
                    Conceal(frame[filled..]);
                    concealed = true;
                    if (_concealRun >= MaxUnderrunSamples)
                    {
                        _state = State.Filling;
                    }

                    break;
                }

                LostPackets++;
                _nextSeq++;
                continue;
            }

            int offset = unchecked((int)(_playTs - slot.Timestamp));
            if (offset < 0)
            {
                if (-offset > MaxGapSamples)
                {
                    _playTs = slot.Timestamp;
                    continue;
                }

                int gap = Math.Min(-offset, Frame - filled);
                Conceal(frame.Slice(filled, gap));
                concealed = true;
                filled += gap;
                _playTs = unchecked(_playTs + (uint)gap);
                continue;
            }

            int n = Math.Clamp(slot.Count - offset, 0, Frame - filled);
            if (n > 0)
            {
                _samples.AsSpan((index * MaxPacketSamples) + offset, n).CopyTo(frame[filled..]);
                filled += n;
                _playTs = unchecked(_playTs + (uint)n);
                _concealRun = 0;
                slot.Consumed += n;
                _storedSamples -= n;
            }

            if (offset + n >= slot.Count)
            {
                // Done with this packet; whatever a skip jumped over leaves the count too.
                _storedSamples -= slot.Count - slot.Consumed;
                slot.Used = false;
                _count--;
                _nextSeq++;
            }
        }

        if (concealed)
        {
            ConcealedFrames++;
            return JitterBufferResult.Concealed;
        }

        frame.CopyTo(_history);
        _hasHistory = true;
        return JitterBufferResult.Audio;
    }

    /// <summary>Drops everything (the session calls this on hold or a new remote stream).</summary>
    public void Reset()
    {
        Array.Clear(_slots);
        _count = 0;
        _storedSamples = 0;
        _state = State.Idle;
        _concealRun = 0;
        _hasHistory = false;
        _jitter.Reset();
    }

    private bool TryStartPlaying()
    {
        if (_state == State.Idle || _count == 0)
        {
            return false;
        }

        // Begin at the first buffered packet (after a long underrun the old position is stale).
        ushort first = _nextSeq;
        while (!_slots[first & (Capacity - 1)].Used)
        {
            first++;
        }

        uint start = _slots[first & (Capacity - 1)].Timestamp;
        if (unchecked((int)(_highestEnd - start)) < TargetDepth)
        {
            return false;
        }

        _nextSeq = first;
        _playTs = start;
        _state = State.Playing;
        return true;
    }

    private void Restart(ushort sequenceNumber, uint timestamp, uint ssrc)
    {
        if (_state != State.Idle)
        {
            Resets++;
        }

        Reset();
        _ssrc = ssrc;
        _nextSeq = sequenceNumber;
        _playTs = timestamp;
        _state = State.Filling;
    }

    private void Conceal(Span<short> output)
    {
        for (int i = 0; i < output.Length; i++, _concealRun++)
        {
            int gain = Math.Max(0, FadeSamples - _concealRun);
            output[i] = _hasHistory ? (short)(_history[_concealRun % Frame] * gain / FadeSamples) : (short)0;
        }
    }

    private uint ArrivalInSamples() => RtpClock.ToRtpUnits(_time.GetElapsedTime(_epoch));
}

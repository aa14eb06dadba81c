namespace Appliance.Hal.Line;

/// <summary>
/// The analog line's media loop: each step reads one 20 ms frame from the codec, lets the line hear
/// it (caller ID, DTMF, hang-up tones), hands it to the call's consumer through a small buffer, and
/// plays one queued frame (or silence) back. Capture and playback stay in lockstep on the codec's
/// own clock. On hardware <see cref="Start"/> runs the loop on a dedicated thread paced by the
/// blocking codec; on the simulated board the owner calls <see cref="PumpOnce"/> every 20 ms.
/// No allocation per frame; the locks guard only buffer copies, never codec I/O.
/// </summary>
public sealed class LineAudioPump : IDisposable
{
    private readonly IAudioCodec _codec;
    private readonly IAnalogLine _line;
    private readonly FrameRing _captured;
    private readonly FrameRing _playback;
    private readonly short[] _in;
    private readonly short[] _out;
    private Thread? _thread;
    private volatile bool _running;
    private long _framesPlayed;

    public LineAudioPump(IAudioCodec codec, IAnalogLine line, int bufferedFrames = 10)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(line);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferedFrames, 2);
        _codec = codec;
        _line = line;
        _captured = new FrameRing(bufferedFrames, codec.FrameSamples);
        _playback = new FrameRing(bufferedFrames, codec.FrameSamples);
        _in = new short[codec.FrameSamples];
        _out = new short[codec.FrameSamples];
    }

    public int FrameSamples => _codec.FrameSamples;

    /// <summary>Captured frames dropped because the consumer did not read them in time.</summary>
    public long CaptureOverruns => _captured.Dropped;

    /// <summary>Playback frames refused because the queue was full.</summary>
    public long PlaybackOverruns => _playback.Dropped;

    /// <summary>
    /// Queued frames the codec has taken so far (silence filled in for an empty queue is not counted).
    /// A frame counts only after <see cref="IAudioCodec.WriteFrame"/> returns, so a caller waiting on
    /// this (DTMF before going on hook) never acts while its last frame is still on its way to the line.
    /// </summary>
    public long FramesPlayed => Interlocked.Read(ref _framesPlayed);

    /// <summary>Whether the last frame played held sound (above about -40 dBFS peak): drives the agent-speaking LED.</summary>
    public bool PlayingSound { get; private set; }

    /// <summary>One step of the loop: capture, listen, buffer, play.</summary>
    public void PumpOnce()
    {
        _codec.ReadFrame(_in);
        _line.ProcessCapturedFrame(_in);
        if (_line.State == LineState.InCall)
        {
            _captured.Write(_in, overwriteOldest: true);
        }

        bool dialing = _line.FillDialFrame(_out); // an outgoing call's digits go before any speech
        bool queued = !dialing && _playback.TryRead(_out);
        if (queued)
        {
            PlayingSound = IsLoud(_out);
        }
        else
        {
            if (!dialing)
            {
                Array.Clear(_out);
            }

            PlayingSound = false;
        }

        _codec.WriteFrame(_out);
        if (queued)
        {
            Interlocked.Increment(ref _framesPlayed);
        }
    }

    /// <summary>The next frame from the caller (only frames captured during a call), false when none is waiting.</summary>
    public bool TryReadCaptured(Span<short> frame) => _captured.TryRead(frame);

    /// <summary>Queues one frame to play to the caller; false when the queue is full.</summary>
    public bool TryQueuePlayback(ReadOnlySpan<short> frame) => _playback.Write(frame, overwriteOldest: false);

    /// <summary>Drops queued speech at once (barge-in, hang-up).</summary>
    public void ClearPlayback() => _playback.Clear();

    /// <summary>Runs the loop on its own thread; only for codecs whose reads block for a frame.</summary>
    public void Start()
    {
        if (_thread is not null)
        {
            throw new InvalidOperationException("the pump is already running");
        }

        _running = true;
        _thread = new Thread(Loop) { IsBackground = true, Name = "line-audio", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>Stops the loop after the current frame.</summary>
    public void Stop()
    {
        _running = false;
        _thread?.Join();
        _thread = null;
    }

    public void Dispose() => Stop();

    private static bool IsLoud(ReadOnlySpan<short> frame)
    {
        foreach (short s in frame)
        {
            if (s is > 300 or < -300)
            {
                return true;
            }
        }

        return false;
    }

    private void Loop()
    {
        while (_running)
        {
            PumpOnce();
        }
    }
}

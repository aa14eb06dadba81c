using Appliance.Audio.Wav;

namespace Appliance.Hal.Simulated;

/// <summary>
/// In-memory codec: capture plays whatever was injected (then silence), playback is recorded
/// with the time of every frame. It does not pace itself: whoever drives the simulation reads
/// and writes one frame per 20 ms of (usually fake) time.
/// </summary>
public sealed class SimulatedAudioCodec : IAudioCodec
{
    private readonly TimeProvider _time;
    private readonly Queue<short> _capture = new();
    private readonly List<short> _played = [];
    private readonly List<(DateTimeOffset At, double Rms)> _playedFrames = [];
    private readonly Lock _gate = new();
    private bool _loopback;

    internal SimulatedAudioCodec(TimeProvider time, int sampleRate)
    {
        _time = time;
        SampleRate = sampleRate;
        FrameSamples = sampleRate / 50;
    }

    public int SampleRate { get; }

    public int FrameSamples { get; }

    public long XrunCount => 0;

    /// <summary>Samples waiting to be captured.</summary>
    public int PendingCapture
    {
        get
        {
            lock (_gate)
            {
                return _capture.Count;
            }
        }
    }

    /// <summary>Queues line input (what the caller or the exchange sends).</summary>
    public void InjectCapture(ReadOnlySpan<short> samples)
    {
        lock (_gate)
        {
            foreach (short s in samples)
            {
                _capture.Enqueue(s);
            }
        }
    }

    /// <summary>Drops line input not yet read (the exchange stopped a tone, a test starts afresh).</summary>
    public void ClearCapture()
    {
        lock (_gate)
        {
            _capture.Clear();
        }
    }

    /// <summary>Queues a 16-bit mono WAV file at this codec's sample rate.</summary>
    public void InjectWav(string path)
    {
        using var stream = File.OpenRead(path);
        var samples = WavFile.Read(stream, out int rate);
        if (rate != SampleRate)
        {
            throw new InvalidDataException($"'{path}' is {rate} Hz; the simulated codec runs at {SampleRate} Hz");
        }

        InjectCapture(samples);
    }

    public void ReadFrame(Span<short> frame)
    {
        CheckLength(frame.Length);
        lock (_gate)
        {
            for (int i = 0; i < frame.Length; i++)
            {
                frame[i] = _capture.Count > 0 ? _capture.Dequeue() : (short)0;
            }
        }
    }

    /// <summary>
    /// Audio loopback for self-tests: from now on every played frame is also captured, after
    /// <paramref name="latency"/> of silence (the round trip a real codec and line would add).
    /// </summary>
    public void EnableLoopback(TimeSpan latency)
    {
        lock (_gate)
        {
            _loopback = true;
            for (long i = (long)(latency.TotalSeconds * SampleRate); i > 0; i--)
            {
                _capture.Enqueue(0);
            }
        }
    }

    /// <summary>What the box plays, frame by frame, as the exchange hears it (DTMF digits of an outgoing call).</summary>
    internal delegate void FrameHandler(ReadOnlySpan<short> frame);

    internal event FrameHandler? Written;

    public void WriteFrame(ReadOnlySpan<short> frame)
    {
        CheckLength(frame.Length);
        Written?.Invoke(frame);
        if (_loopback)
        {
            InjectCapture(frame);
        }

        double sum = 0;
        foreach (short s in frame)
        {
            sum += s * s;
        }

        lock (_gate)
        {
            foreach (short s in frame)
            {
                _played.Add(s);
            }

            _playedFrames.Add((_time.GetUtcNow(), Math.Sqrt(sum / frame.Length)));
        }
    }

    /// <summary>Everything the box played to the line so far.</summary>
    public short[] Played()
    {
        lock (_gate)
        {
            return [.. _played];
        }
    }

    /// <summary>What the box played from <paramref name="since"/> on (the test-mode API's playback of the last call).</summary>
    public short[] PlayedSince(DateTimeOffset since)
    {
        lock (_gate)
        {
            int first = _playedFrames.Count;
            while (first > 0 && _playedFrames[first - 1].At >= since)
            {
                first--;
            }

            return [.. _played.GetRange(first * FrameSamples, _played.Count - (first * FrameSamples))];
        }
    }

    /// <summary>Time of the first played frame at or after <paramref name="since"/> louder than <paramref name="minRms"/>.</summary>
    public DateTimeOffset? FirstSoundAfter(DateTimeOffset since, double minRms = 300)
    {
        lock (_gate)
        {
            foreach (var (at, rms) in _playedFrames)
            {
                if (at >= since && rms >= minRms)
                {
                    return at;
                }
            }

            return null;
        }
    }

    /// <summary>Time of the last played frame at or before <paramref name="until"/> louder than <paramref name="minRms"/>.</summary>
    public DateTimeOffset? LastSoundBefore(DateTimeOffset until, double minRms = 300)
    {
        lock (_gate)
        {
            for (int i = _playedFrames.Count - 1; i >= 0; i--)
            {
                var (at, rms) = _playedFrames[i];
                if (at <= until && rms >= minRms)
                {
                    return at;
                }
            }

            return null;
        }
    }

    private void CheckLength(int length)
    {
        if (length != FrameSamples)
        {
            throw new ArgumentException($"frames are {FrameSamples} samples (20 ms at {SampleRate} Hz), got {length}");
        }
    }
}

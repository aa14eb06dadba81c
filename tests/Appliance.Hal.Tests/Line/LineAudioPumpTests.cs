using Appliance.Hal.Line;

namespace Appliance.Hal.Tests.Line;

public class LineAudioPumpTests
{
    private static short[] Frame(short value) => Enumerable.Repeat(value, 160).ToArray();

    [Fact]
    public void Caller_audio_reaches_the_consumer_only_during_a_call()
    {
        using var h = new LineHarness();
        using var pump = new LineAudioPump(h.Board.Audio, h.Line);
        var frame = new short[160];
        h.Board.Audio.InjectCapture(Frame(7));
        pump.PumpOnce();
        Assert.False(pump.TryReadCaptured(frame)); // on hook: the line listens, nobody else

        h.Connect();
        h.Board.Audio.InjectCapture(Frame(1234));
        pump.PumpOnce();
        Assert.True(pump.TryReadCaptured(frame));
        Assert.All(frame, s => Assert.Equal(1234, s));
        Assert.False(pump.TryReadCaptured(frame));
    }

    [Fact]
    public void Plays_queued_frames_in_order_then_silence()
    {
        using var h = new LineHarness();
        using var pump = new LineAudioPump(h.Board.Audio, h.Line);
        Assert.True(pump.TryQueuePlayback(Frame(100)));
        Assert.True(pump.TryQueuePlayback(Frame(200)));
        for (int i = 0; i < 3; i++)
        {
            pump.PumpOnce();
        }

        var played = h.Board.Audio.Played();
        Assert.Equal([100, 200, 0], [played[0], played[160], played[320]]);
        Assert.Equal(2, pump.FramesPlayed);
    }

    [Fact]
    public void A_frame_counts_as_played_only_once_the_codec_has_taken_it()
    {
        using var h = new LineHarness();
        var codec = new GatedCodec();
        using var pump = new LineAudioPump(codec, h.Line);
        var countsSeenByCodec = new List<long>();
        codec.Writing = () => countsSeenByCodec.Add(pump.FramesPlayed);
        Assert.True(pump.TryQueuePlayback(Frame(100)));
        codec.Release(2);
        pump.PumpOnce();
        pump.PumpOnce(); // silence: not counted

        // Counting before the write would let a waiter hang up while the frame is still on its way.
        Assert.Equal([0, 1], countsSeenByCodec);
        Assert.Equal(1, pump.FramesPlayed);
    }

    [Fact]
    public void Clear_drops_queued_speech_at_once()
    {
        using var h = new LineHarness();
        using var pump = new LineAudioPump(h.Board.Audio, h.Line);
        pump.TryQueuePlayback(Frame(500));
        pump.ClearPlayback();
        pump.PumpOnce();
        Assert.All(h.Board.Audio.Played(), s => Assert.Equal(0, s));
    }

    [Fact]
    public void Full_queues_count_overruns_and_keep_the_newest_capture()
    {
        using var h = new LineHarness();
        using var pump = new LineAudioPump(h.Board.Audio, h.Line, bufferedFrames: 2);
        Assert.True(pump.TryQueuePlayback(Frame(1)));
        Assert.True(pump.TryQueuePlayback(Frame(2)));
        Assert.False(pump.TryQueuePlayback(Frame(3)));
        Assert.Equal(1, pump.PlaybackOverruns);

        h.Connect();
        for (short i = 1; i <= 3; i++)
        {
            h.Board.Audio.InjectCapture(Frame(i));
            pump.PumpOnce();
        }

        var frame = new short[160];
        Assert.True(pump.TryReadCaptured(frame));
        Assert.Equal(2, frame[0]);
        Assert.Equal(1, pump.CaptureOverruns);
    }

    [Fact]
    public async Task Thread_runs_paced_by_a_blocking_codec_and_stops()
    {
        using var h = new LineHarness();
        var codec = new GatedCodec();
        var pump = new LineAudioPump(codec, h.Line);
        pump.Start();
        Assert.Throws<InvalidOperationException>(pump.Start);
        codec.Release(5);
        Assert.True(SpinWait.SpinUntil(() => codec.Writes >= 5, TimeSpan.FromSeconds(5)));
        Assert.Equal(5, codec.Writes); // one write per read: playback follows the codec clock
        // Stop returns once the blocked read completes: keep letting frames through until it does.
        var stopping = Task.Run(pump.Stop);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!stopping.IsCompleted && DateTime.UtcNow < deadline)
        {
            codec.Release(1);
            await Task.Yield();
        }

        Assert.True(stopping.IsCompleted);
    }

    /// <summary>A codec whose reads block until the test lets a frame through, like a real device.</summary>
    private sealed class GatedCodec : IAudioCodec
    {
        private readonly SemaphoreSlim _frames = new(0);
        private int _writes;

        public int SampleRate => 8000;

        public int FrameSamples => 160;

        public long XrunCount => 0;

        public int Writes => Volatile.Read(ref _writes);

        /// <summary>Called inside every write, before it returns.</summary>
        public Action? Writing { get; set; }

        public void Release(int frames) => _frames.Release(frames);

        public void ReadFrame(Span<short> frame) => _frames.Wait();

        public void WriteFrame(ReadOnlySpan<short> frame)
        {
            Writing?.Invoke();
            Interlocked.Increment(ref _writes);
        }
    }
}

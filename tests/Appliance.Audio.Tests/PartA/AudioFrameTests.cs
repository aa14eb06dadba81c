namespace Appliance.Audio.Tests.PartA;

public class AudioFrameTests
{
    [Theory]
    [InlineData(8000, 160)]
    [InlineData(16000, 320)]
    [InlineData(24000, 480)]
    [InlineData(44100, 882)]
    [InlineData(48000, 960)]
    public void Samples_per_frame_is_20_ms(int rate, int samples)
    {
        Assert.Equal(samples, AudioFormat.SamplesPerFrame(rate));
        Assert.Equal(samples, new AudioFramePool(rate).Rent().Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11025)]
    [InlineData(-8000)]
    public void Unsupported_rates_are_rejected(int rate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioFormat.SamplesPerFrame(rate));
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioFramePool.Shared(rate));
    }

    [Fact]
    public void Disposed_frames_are_reused_and_double_dispose_returns_once()
    {
        var pool = new AudioFramePool(8000, capacity: 4);
        var first = pool.Rent(TimeSpan.FromMilliseconds(20));
        Assert.Equal(TimeSpan.FromMilliseconds(20), first.Timestamp);
        first.Dispose();
        first.Dispose();
        Assert.Equal(1, pool.IdleCount);
        var again = pool.Rent(TimeSpan.FromMilliseconds(40));
        Assert.Same(first, again);
        Assert.Equal(TimeSpan.FromMilliseconds(40), again.Timestamp);
        Assert.Equal(0, pool.IdleCount);
    }

    [Fact]
    public void Pool_keeps_at_most_its_capacity()
    {
        var pool = new AudioFramePool(16000, capacity: 2);
        var frames = new[] { pool.Rent(), pool.Rent(), pool.Rent() };
        foreach (var f in frames)
        {
            f.Dispose();
        }
        Assert.Equal(2, pool.IdleCount);
    }

    [Fact]
    public void Steady_state_rent_and_dispose_allocate_nothing()
    {
        var pool = new AudioFramePool(8000);
        pool.Rent().Dispose();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            using var frame = pool.Rent();
            frame.Samples[0] = (short)i;
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void CopyFrom_checks_the_length()
    {
        using var frame = AudioFrame.CreateUnpooled(8000);
        Assert.Throws<ArgumentException>(() => frame.CopyFrom(new short[159]));
        var src = new short[160];
        src[159] = 42;
        frame.CopyFrom(src);
        Assert.Equal(42, frame.ReadOnlySamples[159]);
    }
}

using Appliance.Hal.Ring;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Hal.Tests.Ring;

public class RingCadenceDetectorTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<int> _rings = [];
    private int _started;
    private int _stopped;

    private RingCadenceDetector Create(RingCadenceProfile profile)
    {
        var detector = new RingCadenceDetector(profile, _time);
        detector.RingCompleted += _rings.Add;
        detector.RingingStarted += () => _started++;
        detector.RingingStopped += () => _stopped++;
        return detector;
    }

    /// <summary>Plays alternating on/off durations (ms), starting with on.</summary>
    private void Play(RingCadenceDetector detector, params int[] onOffMs)
    {
        for (int i = 0; i < onOffMs.Length; i++)
        {
            detector.OnEdge(new RingEdge(i % 2 == 0, _time.GetUtcNow()));
            _time.Advance(TimeSpan.FromMilliseconds(onOffMs[i]));
        }
    }

    [Theory]
    [InlineData("US", new[] { 2000, 4000, 2000, 4000, 2000, 4000 })]
    [InlineData("DE", new[] { 1000, 4000, 1000, 4000, 1000, 4000 })]
    [InlineData("UK", new[] { 400, 200, 400, 2000, 400, 200, 400, 2000, 400, 200, 400, 2000 })]
    public void Counts_rings_of_each_country(string country, int[] cadence)
    {
        using var detector = Create(RingCadenceProfile.ForCountry(country));
        Play(detector, cadence);
        Assert.Equal([1, 2, 3], _rings);
        Assert.Equal(1, _started);
        Assert.Equal(0, detector.RejectedBursts);
    }

    [Fact]
    public void UK_single_burst_is_not_a_ring()
    {
        using var detector = Create(RingCadenceProfile.UK);
        Play(detector, 400, 2000, 400, 2000);
        Assert.Empty(_rings);
        Assert.Equal(1, detector.RejectedBursts); // the second burst arrives after a pause, not a 200 ms gap
    }

    [Fact]
    public void US_cadence_is_not_accepted_by_UK_profile()
    {
        using var detector = Create(RingCadenceProfile.UK);
        Play(detector, 2000, 4000);
        Assert.Empty(_rings);
    }

    [Fact]
    public void Tolerates_exchange_drift_of_ten_percent()
    {
        using var detector = Create(RingCadenceProfile.US);
        Play(detector, 2200, 3600, 1800, 4400);
        Assert.Equal([1, 2], _rings);
    }

    [Fact]
    public void Truncated_first_ring_is_rejected_then_counting_continues()
    {
        using var detector = Create(RingCadenceProfile.US);
        Play(detector, 700, 4000, 2000, 4000);
        Assert.Equal([1], _rings);
        Assert.Equal(1, detector.RejectedBursts);
    }

    [Fact]
    public void Ringing_stops_after_pause_plus_margin_and_count_restarts()
    {
        using var detector = Create(RingCadenceProfile.US);
        Play(detector, 2000);
        detector.OnEdge(new RingEdge(false, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromSeconds(5.9));
        Assert.Equal(0, _stopped);
        _time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(1, _stopped);
        Assert.Equal(0, detector.RingCount);

        Play(detector, 2000, 100);
        Assert.Equal([1, 1], _rings);
        Assert.Equal(2, _started);
    }

    [Fact]
    public void Normal_pause_does_not_end_ringing()
    {
        using var detector = Create(RingCadenceProfile.US);
        Play(detector, 2000, 4000, 2000, 4000, 2000, 100);
        Assert.Equal(0, _stopped);
    }

    [Fact]
    public void Repeated_levels_are_not_edges()
    {
        using var detector = Create(RingCadenceProfile.DE);
        detector.OnEdge(new RingEdge(true, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromMilliseconds(500));
        detector.OnEdge(new RingEdge(true, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromMilliseconds(500));
        detector.OnEdge(new RingEdge(false, _time.GetUtcNow()));
        Assert.Equal([1], _rings);
    }

    [Fact]
    public void Unknown_country_is_a_clear_error()
    {
        var ex = Assert.Throws<ArgumentException>(() => RingCadenceProfile.ForCountry("XX"));
        Assert.Contains("'XX'", ex.Message, StringComparison.Ordinal);
    }
}

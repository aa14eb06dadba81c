namespace Appliance.Hal.Ring;

/// <summary>
/// Turns ring-envelope edges into counted rings by matching them against a country cadence.
/// Bursts that do not fit (a truncated first ring, line noise) are ignored and counted in
/// <see cref="RejectedBursts"/>. When no ring starts for a pause plus margin, ringing is over.
/// </summary>
public sealed class RingCadenceDetector : IDisposable
{
    private readonly RingCadenceProfile _profile;
    private readonly ITimer _stoppedTimer;
    private readonly TimeSpan _stoppedAfter;
    private readonly Lock _gate = new();
    private bool _on;
    private bool _active;
    private int _burstIndex;
    private DateTimeOffset _burstStart;
    private DateTimeOffset _lastFall;

    public RingCadenceDetector(RingCadenceProfile profile, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(time);
        _profile = profile;
        _stoppedAfter = (profile.Pause * (1 + profile.Tolerance)) + TimeSpan.FromSeconds(1);
        _stoppedTimer = time.CreateTimer(_ => OnSilenceTimeout(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>First ring edge after idle.</summary>
    public event Action? RingingStarted;

    /// <summary>A whole ring (all bursts of the cadence) was received; argument is the ring number from 1.</summary>
    public event Action<int>? RingCompleted;

    /// <summary>No ring for longer than the cadence's pause: the caller gave up or the call was answered elsewhere.</summary>
    public event Action? RingingStopped;

    public RingCadenceProfile Profile => _profile;

    public int RingCount { get; private set; }

    public int RejectedBursts { get; private set; }

    /// <summary>Feeds one edge from the ring detector.</summary>
    public void OnEdge(RingEdge edge)
    {
        bool started = false;
        int completed = 0;
        lock (_gate)
        {
            if (edge.Ringing == _on)
            {
                return; // repeated level, not an edge
            }

            _on = edge.Ringing;
            if (edge.Ringing)
            {
                _stoppedTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                started = !_active;
                _active = true;
                if (_burstIndex > 0 && !_profile.Matches(_profile.Gaps[_burstIndex - 1], edge.At - _lastFall))
                {
                    RejectedBursts++;
                    _burstIndex = 0;
                }

                _burstStart = edge.At;
            }
            else
            {
                _lastFall = edge.At;
                _stoppedTimer.Change(_stoppedAfter, Timeout.InfiniteTimeSpan);
                if (_profile.Matches(_profile.Bursts[_burstIndex], edge.At - _burstStart))
                {
                    _burstIndex++;
                    if (_burstIndex == _profile.Bursts.Count)
                    {
                        _burstIndex = 0;
                        completed = ++RingCount;
                    }
                }
                else
                {
                    RejectedBursts++;
                    _burstIndex = 0;
                }
            }
        }

        if (started)
        {
            RingingStarted?.Invoke();
        }

        if (completed > 0)
        {
            RingCompleted?.Invoke(completed);
        }
    }

    /// <summary>Forgets the current ring sequence (the line was answered).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _stoppedTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _active = false;
            _on = false;
            _burstIndex = 0;
            RingCount = 0;
        }
    }

    public void Dispose() => _stoppedTimer.Dispose();

    private void OnSilenceTimeout()
    {
        lock (_gate)
        {
            if (_on || !_active)
            {
                return;
            }

            _active = false;
            _burstIndex = 0;
            RingCount = 0;
        }

        RingingStopped?.Invoke();
    }
}

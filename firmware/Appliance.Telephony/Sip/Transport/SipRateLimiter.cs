using System.Net;

namespace Appliance.Telephony.Sip.Transport;

/// <summary>
/// Per-source token bucket for inbound requests: floods and scanners are dropped before parsing
/// work reaches the transaction layer. Thread-safe; time comes from an injectable clock.
/// </summary>
public sealed class SipRateLimiter
{
    private const int MaxTrackedSources = 4096;
    private readonly Dictionary<IPAddress, (double Tokens, long Stamp)> _buckets = [];
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly double _perSecond;
    private readonly double _burst;

    public SipRateLimiter(TimeProvider time, double requestsPerSecond, int burst)
    {
        _time = time;
        _perSecond = requestsPerSecond;
        _burst = burst;
    }

    public bool TryAcquire(IPAddress source)
    {
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            if (!_buckets.TryGetValue(source, out var bucket))
            {
                if (_buckets.Count >= MaxTrackedSources)
                {
                    // A spoofed-source flood must not grow memory: forget everyone, which only makes us lenient.
                    _buckets.Clear();
                }
                bucket = (_burst, now);
            }
            var elapsed = _time.GetElapsedTime(bucket.Stamp, now).TotalSeconds;
            var tokens = Math.Min(_burst, bucket.Tokens + (elapsed * _perSecond));
            var allowed = tokens >= 1;
            _buckets[source] = (allowed ? tokens - 1 : tokens, now);
            return allowed;
        }
    }
}

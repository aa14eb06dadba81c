using System.Collections.Concurrent;

namespace Appliance.Service.Web;

/// <summary>
/// Counts failed logins (and setup-code attempts) per client address: after
/// <see cref="MaxFailures"/> failures within the window the address is locked out for
/// <see cref="Lockout"/>. A success clears the count.
/// </summary>
internal sealed class LoginThrottle(TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(5);
    // Bounds memory when many addresses fail: stale entries are dropped first.
    private const int MaxTrackedClients = 10_000;

    private sealed record Entry(int Failures, DateTimeOffset LastFailure, DateTimeOffset? LockedUntil);

    private readonly ConcurrentDictionary<string, Entry> _clients = new(StringComparer.Ordinal);

    /// <summary>How long the client must still wait, or zero when it may try.</summary>
    public TimeSpan RetryAfter(string client)
    {
        if (_clients.TryGetValue(client, out var entry) && entry.LockedUntil is { } until)
        {
            var left = until - time.GetUtcNow();
            if (left > TimeSpan.Zero)
            {
                return left;
            }
            _clients.TryRemove(client, out _);
        }
        return TimeSpan.Zero;
    }

    public void Failed(string client)
    {
        var now = time.GetUtcNow();
        if (_clients.Count >= MaxTrackedClients)
        {
            Prune(now);
        }
        _clients.AddOrUpdate(client,
            _ => new Entry(1, now, null),
            (_, old) =>
            {
                // Failures older than one lockout period are forgotten.
                var failures = now - old.LastFailure > Lockout ? 1 : old.Failures + 1;
                return new Entry(failures, now, failures >= MaxFailures ? now + Lockout : null);
            });
    }

    public void Succeeded(string client) => _clients.TryRemove(client, out _);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (client, entry) in _clients)
        {
            if (now - entry.LastFailure > Lockout)
            {
                _clients.TryRemove(client, out _);
            }
        }
    }
}

using Appliance.Hal.Leds;

namespace Appliance.Hal.Simulated;

/// <summary>Records every LED level change with its time, so tests can read LED states over time.</summary>
public sealed class SimulatedLedDriver : ILedDriver
{
    private readonly TimeProvider _time;
    private readonly List<LedChange> _changes = [];
    private readonly Lock _gate = new();

    internal SimulatedLedDriver(TimeProvider time) => _time = time;

    public void Write(LedId led, bool lit)
    {
        lock (_gate)
        {
            _changes.Add(new LedChange(_time.GetUtcNow(), led, lit));
        }
    }

    /// <summary>Whether <paramref name="led"/> was lit at <paramref name="at"/>.</summary>
    public bool WasLit(LedId led, DateTimeOffset at)
    {
        lock (_gate)
        {
            bool lit = false;
            foreach (var change in _changes)
            {
                if (change.At > at)
                {
                    break;
                }

                if (change.Led == led)
                {
                    lit = change.Lit;
                }
            }

            return lit;
        }
    }

    /// <summary>Every level change at or after <paramref name="since"/>, oldest first (the test-mode API's LED history).</summary>
    public IReadOnlyList<LedChange> Changes(DateTimeOffset since)
    {
        lock (_gate)
        {
            var result = new List<LedChange>();
            foreach (var change in _changes)
            {
                if (change.At >= since)
                {
                    result.Add(change);
                }
            }

            return result;
        }
    }

    /// <summary>Number of times <paramref name="led"/> switched on within [from, to).</summary>
    public int TimesLit(LedId led, DateTimeOffset from, DateTimeOffset to)
    {
        lock (_gate)
        {
            int count = 0;
            foreach (var change in _changes)
            {
                if (change.Led == led && change.Lit && change.At >= from && change.At < to)
                {
                    count++;
                }
            }

            return count;
        }
    }
}

/// <summary>One LED level change.</summary>
public readonly record struct LedChange(DateTimeOffset At, LedId Led, bool Lit);

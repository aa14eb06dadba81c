namespace Appliance.Hal.Ring;

/// <summary>
/// A country's ring cadence: one ring is a group of bursts (<see cref="Bursts"/>, separated by
/// <see cref="Gaps"/>) followed by a long <see cref="Pause"/>.
/// </summary>
public sealed class RingCadenceProfile
{
    public RingCadenceProfile(string country, TimeSpan[] bursts, TimeSpan[] gaps, TimeSpan pause)
    {
        ArgumentNullException.ThrowIfNull(bursts);
        ArgumentNullException.ThrowIfNull(gaps);
        if (bursts.Length == 0 || gaps.Length != bursts.Length - 1)
        {
            throw new ArgumentException("a cadence needs at least one burst and one gap between consecutive bursts", nameof(gaps));
        }

        Country = country;
        Bursts = bursts;
        Gaps = gaps;
        Pause = pause;
    }

    /// <summary>North America: 2 s on, 4 s off.</summary>
    public static RingCadenceProfile US { get; } = new("US", [Ms(2000)], [], Ms(4000));

    /// <summary>United Kingdom double ring: 0.4 on, 0.2 off, 0.4 on, 2.0 off.</summary>
    public static RingCadenceProfile UK { get; } = new("UK", [Ms(400), Ms(400)], [Ms(200)], Ms(2000));

    /// <summary>Germany: 1 s on, 4 s off.</summary>
    public static RingCadenceProfile DE { get; } = new("DE", [Ms(1000)], [], Ms(4000));

    /// <summary>France: 1.5 s on, 3.5 s off (E.180 supplement).</summary>
    public static RingCadenceProfile FR { get; } = new("FR", [Ms(1500)], [], Ms(3500));

    /// <summary>Australia: the same 0.4/0.2/0.4/2.0 s double ring as the UK (E.180 supplement, ACIF S002).</summary>
    public static RingCadenceProfile AU { get; } = new("AU", [Ms(400), Ms(400)], [Ms(200)], Ms(2000));

    /// <summary>ETSI common European cadence: 1 s on, 4 s off (ETSI TR 101 041-1), the same as Germany's.</summary>
    public static RingCadenceProfile EU { get; } = new("EU", [Ms(1000)], [], Ms(4000));

    public string Country { get; }

    public IReadOnlyList<TimeSpan> Bursts { get; }

    public IReadOnlyList<TimeSpan> Gaps { get; }

    public TimeSpan Pause { get; }

    /// <summary>Relative tolerance on every duration (exchanges drift, detectors add latency).</summary>
    public double Tolerance { get; init; } = 0.25;

    /// <summary>Absolute slack added to the relative tolerance, for the detector's debounce.</summary>
    public TimeSpan Slack { get; init; } = Ms(60);

    /// <summary>The profile for a country code (US, CA, GB/UK, DE, FR, AU, or EU for ETSI).</summary>
    public static RingCadenceProfile ForCountry(string code) => code?.ToUpperInvariant() switch
    {
        "US" or "CA" => US,
        "UK" or "GB" => UK,
        "DE" => DE,
        "FR" => FR,
        "AU" => AU,
        "EU" => EU,
        _ => throw new ArgumentException($"no ring cadence profile for country '{code}' (known: US, CA, UK, GB, DE, FR, AU, EU)", nameof(code)),
    };

    public bool Matches(TimeSpan expected, TimeSpan actual) =>
        (actual - expected).Duration() <= (expected * Tolerance) + Slack;

    private static TimeSpan Ms(int ms) => TimeSpan.FromMilliseconds(ms);
}

namespace Appliance.Hal.Simulated;

/// <summary>How the simulated exchange sends caller ID.</summary>
public enum CallerIdSignal
{
    None,

    /// <summary>Bell 202 FSK in the pause after the first ring (North America).</summary>
    Bell202,

    /// <summary>V.23 FSK in the pause after the first ring (ETSI ring-first variant).</summary>
    V23,

    /// <summary>DTMF "A&lt;number&gt;C" before the first ring (ETSI EN 300 659-1 annex B).</summary>
    Dtmf,
}

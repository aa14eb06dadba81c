namespace Appliance.Hal.CallerId;

/// <summary>
/// The two on-hook caller-ID modulations: Bell 202 (North America, Telcordia GR-30) and ITU-T V.23
/// (ETSI EN 300 659, UK/Europe). Both are 1200 baud continuous-phase FSK.
/// </summary>
public sealed class FskStandard
{
    private FskStandard(string name, double markHz, double spaceHz, int seizureBits, int markBits)
    {
        Name = name;
        MarkHz = markHz;
        SpaceHz = spaceHz;
        SeizureBits = seizureBits;
        MarkBits = markBits;
    }

    /// <summary>Bell 202: mark (1) 1200 Hz, space (0) 2200 Hz; 300 seizure bits, 180 mark bits.</summary>
    public static FskStandard Bell202 { get; } = new("bell202", 1200, 2200, 300, 180);

    /// <summary>V.23: mark (1) 1300 Hz, space (0) 2100 Hz; 300 seizure bits, 80 mark bits (ETSI).</summary>
    public static FskStandard V23 { get; } = new("v23", 1300, 2100, 300, 80);

    public const double BaudRate = 1200;

    public string Name { get; }

    public double MarkHz { get; }

    public double SpaceHz { get; }

    /// <summary>Alternating 0101... bits that open the transmission (channel seizure).</summary>
    public int SeizureBits { get; }

    /// <summary>Steady mark bits before the message.</summary>
    public int MarkBits { get; }

    public static FskStandard ForName(string name) => name?.ToUpperInvariant() switch
    {
        "BELL202" => Bell202,
        "V23" => V23,
        _ => throw new ArgumentException($"unknown FSK standard '{name}' (use bell202 or v23)", nameof(name)),
    };
}

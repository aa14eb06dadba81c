namespace Appliance.Hal;

/// <summary>What the firmware knows about the board it runs on.</summary>
/// <param name="Name">Board profile name, e.g. "appliance-rev-b" or "simulated".</param>
/// <param name="IsSimulated">True for the in-memory board (test-mode features may be enabled only then).</param>
/// <param name="CodecChip">Audio codec / DAA part number, informative.</param>
public sealed record BoardInfo(string Name, bool IsSimulated, string CodecChip);

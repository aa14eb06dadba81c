using Appliance.Hal.Leds;

namespace Appliance.Hal.Board;

/// <summary>What a GPIO line does on the board. Every role must be wired exactly once.</summary>
public enum BoardPinRole
{
    HookRelay,
    RingDetect,
    LoopCurrent,
    LedPower,
    LedLine,
    LedRinging,
    LedInCall,
    LedAgentSpeaking,
    LedCloud,
    LedFault,
}

/// <summary>Names of <see cref="BoardPinRole"/> as written in board JSON, and role helpers.</summary>
public static class BoardPinRoles
{
    private static readonly string[] Names =
    [
        "hookRelay", "ringDetect", "loopCurrent", "ledPower", "ledLine", "ledRinging",
        "ledInCall", "ledAgentSpeaking", "ledCloud", "ledFault",
    ];

    public static IReadOnlyList<string> AllJsonNames => Names;

    public static string JsonName(BoardPinRole role) => Names[(int)role];

    public static bool IsInput(BoardPinRole role) =>
        role is BoardPinRole.RingDetect or BoardPinRole.LoopCurrent;

    /// <summary>The pin role that drives an LED.</summary>
    public static BoardPinRole ForLed(LedId led) => BoardPinRole.LedPower + (int)led;
}

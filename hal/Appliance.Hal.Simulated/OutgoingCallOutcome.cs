namespace Appliance.Hal.Simulated;

/// <summary>How the simulated exchange treats the box's next outgoing call.</summary>
public enum OutgoingCallOutcome
{
    /// <summary>Dial tone, ringback for a few cycles, then the far end answers.</summary>
    Answer,

    /// <summary>Dial tone, then busy tone after the digits.</summary>
    Busy,

    /// <summary>Dial tone, then ringback that never stops.</summary>
    NoAnswer,

    /// <summary>Loop current but no dial tone (a dead or faulty line).</summary>
    NoDialTone,
}

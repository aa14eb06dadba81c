namespace Appliance.Hal.Line;

/// <summary>Why a call ended; the same reasons a SIP call reports where they overlap.</summary>
public enum CallEndReason
{
    /// <summary>The appliance hung up (the conversation ended).</summary>
    LocalHangup,

    /// <summary>Loop current dropped for longer than a glitch: the far end hung up or the line was cut.</summary>
    LoopCurrentDropped,

    /// <summary>The exchange played busy / reorder / disconnect tone.</summary>
    DisconnectTone,

    /// <summary>No sound from the line for the configured time.</summary>
    Silence,

    /// <summary>Ringing voltage appeared during a call, which can only be a wiring or relay fault.</summary>
    UnexpectedRing,

    /// <summary>Off hook but loop current never came: no line, or the relay did not close.</summary>
    NoLoopCurrent,

    /// <summary>On hook commanded but loop current kept flowing: the relay did not open.</summary>
    RelayStuck,

    /// <summary>Outgoing call: no dial tone within <see cref="AnalogLineOptions.DialToneTimeout"/> of going off hook.</summary>
    NoDialTone,

    /// <summary>Outgoing call: the exchange played busy or reorder tone instead of ringing the number.</summary>
    Busy,

    /// <summary>Outgoing call: nobody answered within <see cref="AnalogLineOptions.AnswerTimeout"/>.</summary>
    NoAnswer,
}

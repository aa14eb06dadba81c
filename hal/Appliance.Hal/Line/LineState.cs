namespace Appliance.Hal.Line;

/// <summary>States of the analog (FXO) line; see docs/hal.md for the transition diagram.</summary>
public enum LineState
{
    /// <summary>On hook, waiting for ringing.</summary>
    Idle,

    /// <summary>On hook, counting rings and listening for caller ID.</summary>
    Ringing,

    /// <summary>Off hook, waiting for loop current to confirm the line is seized.</summary>
    Answering,

    InCall,

    /// <summary>Briefly on hook for a hook flash (transfer / recall), then back off hook.</summary>
    Flashing,

    /// <summary>On hook, waiting for loop current to stop to confirm the relay opened.</summary>
    HangingUp,

    /// <summary>On hook commanded but loop current still flows: the hook relay is stuck.</summary>
    Fault,

    /// <summary>Off hook for an outgoing call: waiting for dial tone, then sending the digits as DTMF.</summary>
    Dialing,

    /// <summary>Digits sent: listening for ringback, busy or the far end answering.</summary>
    Calling,
}

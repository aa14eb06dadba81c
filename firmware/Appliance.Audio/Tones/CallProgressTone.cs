namespace Appliance.Audio.Tones;

/// <summary>The call-progress tones an exchange plays to a line (ITU-T E.180 §2).</summary>
public enum CallProgressTone
{
    /// <summary>No tone recognised.</summary>
    None,

    /// <summary>The exchange is ready for digits.</summary>
    Dial,

    /// <summary>The called party is being rung.</summary>
    Ringback,

    /// <summary>The called party is busy; on an analog line after a call, the far end has hung up.</summary>
    Busy,

    /// <summary>Reorder / congestion / number unobtainable: no path, or the call is over.</summary>
    Reorder,
}

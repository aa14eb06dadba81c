namespace Appliance.Audio.Detection;

/// <summary>What happened on the frame just processed by <see cref="AnsweringMachineDetector"/>.</summary>
[Flags]
public enum AnsweringMachineEvents
{
    None = 0,

    /// <summary>The verdict left <see cref="AnsweringMachineVerdict.Pending"/> on this frame.</summary>
    Decided = 1,

    /// <summary>A voicemail beep just ended: start speaking the voicemail message now.</summary>
    BeepEnded = 2,
}

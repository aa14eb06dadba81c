namespace Appliance.Audio.Detection;

/// <summary>Who answered an outbound call.</summary>
public enum AnsweringMachineVerdict
{
    /// <summary>Still listening.</summary>
    Pending,

    /// <summary>A short greeting ("hello?") followed by silence: a person waiting for us.</summary>
    Human,

    /// <summary>A long uninterrupted greeting, or a beep: voicemail or an answering machine.</summary>
    Machine,

    /// <summary>Nobody spoke within the initial silence, or nothing conclusive within the analysis time.</summary>
    Unknown,
}

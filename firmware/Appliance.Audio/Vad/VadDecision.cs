namespace Appliance.Audio.Vad;

/// <summary>What changed at this frame.</summary>
public enum VadTransition
{
    None,
    /// <summary>Speech confirmed (after the minimum speech duration); it began <see cref="VadDecision.SpeechFramesBefore"/> frames ago.</summary>
    SpeechStarted,
    /// <summary>Silence lasted the minimum silence duration; speech ended that long ago.</summary>
    SpeechEnded,
}

/// <summary>The VAD's verdict for one 20 ms frame.</summary>
/// <param name="Probability">Raw classifier probability of this frame.</param>
/// <param name="IsVoiced">This frame alone is above the threshold (hysteresis applied).</param>
/// <param name="InSpeech">The debounced state: inside a speech segment.</param>
/// <param name="Transition">Segment start or end detected at this frame.</param>
/// <param name="SpeechFramesBefore">On <see cref="VadTransition.SpeechStarted"/>, how many frames ago the voiced run began.</param>
public readonly record struct VadDecision(float Probability, bool IsVoiced, bool InSpeech, VadTransition Transition, int SpeechFramesBefore);

namespace Appliance.Audio.Vad;

/// <summary>
/// Scores one 20 ms PCM16 frame with the probability (0..1) that it holds speech.
/// Implementations keep their own state across frames and never allocate per frame.
/// </summary>
public interface IVoiceActivityClassifier
{
    /// <summary>8000 or 16000.</summary>
    int SampleRate { get; }

    /// <summary>Samples in one 20 ms frame at <see cref="SampleRate"/>.</summary>
    int FrameSamples { get; }

    /// <summary>Speech probability for this frame; the frame must hold exactly <see cref="FrameSamples"/> samples.</summary>
    float Classify(ReadOnlySpan<short> frame);

    /// <summary>Forgets all history (new call).</summary>
    void Reset();
}

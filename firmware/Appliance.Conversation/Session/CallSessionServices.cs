using Appliance.Audio.Denoise;
using Appliance.Audio.Mixing;
using Appliance.Audio.Vad;
using Appliance.Configuration.Model;
using Microsoft.Extensions.Logging;

namespace Appliance.Conversation.Session;

/// <summary>What every call session shares with the others on the box.</summary>
/// <param name="CreateVadClassifier">
/// A VAD classifier for one call at 8 kHz for the agent's denoising mode (Silero when its model is
/// present); <see cref="VadClassifiers"/> builds the box's one from its <see cref="VadClassifierFactory"/>.
/// </param>
/// <param name="Sounds">The generated ambience, thinking and hold sounds (read-only, shared).</param>
/// <param name="SaveRecord">Persists the call record; called as the call goes, so a crash keeps what happened.</param>
/// <param name="RecordingsDirectory">Where call recordings go; null records nothing.</param>
public sealed record CallSessionServices(
    TimeProvider Time,
    ILogger Logger,
    Func<DenoisingMode, IVoiceActivityClassifier> CreateVadClassifier,
    SoundLibrary Sounds,
    Action<CallRecord> SaveRecord,
    string? RecordingsDirectory = null)
{
    /// <summary>
    /// The mode-aware classifier choice: with background-speech cancellation the talker-gated
    /// classifier (babble precision 0.65 → 0.87, docs/audio.md VAD), which the session then feeds
    /// the frame before the denoiser; otherwise the plain one.
    /// </summary>
    public static Func<DenoisingMode, IVoiceActivityClassifier> VadClassifiers(VadClassifierFactory factory, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return mode => mode == DenoisingMode.NoiseAndBackgroundSpeechCancellation
            ? factory.CreateForBackgroundTalkers(sampleRate)
            : factory.Create(sampleRate);
    }
}

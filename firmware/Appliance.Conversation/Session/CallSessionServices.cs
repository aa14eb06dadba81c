using Appliance.Audio.Mixing;
using Appliance.Audio.Vad;
using Appliance.Configuration.Model;
using Microsoft.Extensions.Logging;

namespace Appliance.Conversation.Session;

/// <summary>What every call session shares with the others on the box.</summary>
/// <param name="CreateVadClassifier">A VAD classifier for one call at 8 kHz (Silero when its model is present).</param>
/// <param name="Sounds">The generated ambience, thinking and hold sounds (read-only, shared).</param>
/// <param name="SaveRecord">Persists the call record; called as the call goes, so a crash keeps what happened.</param>
/// <param name="RecordingsDirectory">Where call recordings go; null records nothing.</param>
public sealed record CallSessionServices(
    TimeProvider Time,
    ILogger Logger,
    Func<IVoiceActivityClassifier> CreateVadClassifier,
    SoundLibrary Sounds,
    Action<CallRecord> SaveRecord,
    string? RecordingsDirectory = null);

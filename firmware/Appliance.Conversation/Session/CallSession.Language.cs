using Appliance.Configuration.Model;
using Appliance.Conversation.Providers.Stt;
using Appliance.Conversation.Providers.Tools;

namespace Appliance.Conversation.Session;

/// <summary>
/// Per-turn language: the agent speaks its default language until the caller is detected speaking
/// another of its languages (multilingual "auto") or the model calls switch_language; from then on
/// TTS (and, after switch_language, STT) use the new one. Each turn records its language.
/// </summary>
public sealed partial class CallSession
{
    // Swapped whole by the conversation task and read by the media tick when a caller turn starts.
    private volatile string? _language;
    private volatile SttOptions? _sttOptions;

    private string Language => _language ?? _runtime.Language;

    private SttOptions SttOptions => _sttOptions ?? _runtime.Stt;

    /// <summary>The language of a transcribed caller turn; in auto mode one of the agent's languages becomes the agent's.</summary>
    private string CallerLanguage(Transcript transcript)
    {
        if (SpokenLanguages.Match(transcript.Language, _runtime.Languages) is not { } detected)
        {
            return SttOptions.Language ?? Language;
        }
        if (_runtime.DetectsLanguage && !string.Equals(detected, Language, StringComparison.OrdinalIgnoreCase))
        {
            _language = detected;
            _log.Event("language", detected + " (detected)");
        }
        return detected;
    }

    private ToolOutcome SwitchLanguage(string requested)
    {
        if (SpokenLanguages.Match(requested, _runtime.Languages) is not { } language)
        {
            return ToolOutcome.Rejected($"language must be one of: {string.Join(", ", _runtime.Languages)}");
        }
        _language = language;
        _sttOptions = _runtime.Stt with { Language = language };
        _log.Event("language", language + " (switched)");
        return new ToolOutcome(true, "speaking " + language + " from the next sentence");
    }
}

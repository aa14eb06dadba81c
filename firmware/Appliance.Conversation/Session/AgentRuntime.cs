using Appliance.Audio.Endpointing;
using Appliance.Audio.Mixing;
using Appliance.Audio.Vad;
using Appliance.Configuration.Model;
using Appliance.Conversation.Providers.Stt;

namespace Appliance.Conversation.Session;

/// <summary>
/// The agent's configuration turned into what each block of the call path takes. This is where a
/// stored field becomes live behaviour; docs/configuration.md points here.
/// </summary>
public sealed class AgentRuntime
{
    private AgentRuntime(Agent agent) => Agent = agent;

    public Agent Agent { get; }

    public VadOptions Vad { get; private init; } = new();

    public EndpointingOptions Endpointing { get; private init; } = new();

    public BargeInOptions BargeIn { get; private init; } = new();

    public SoundId? Ambient { get; private init; }

    public float AmbientLevel { get; private init; }

    public SoundId? ThinkingClip { get; private init; }

    public float ThinkingVolume { get; private init; }

    public double Speed { get; private init; } = 1.0;

    public TimeSpan? PokeAfter { get; private init; }

    public TimeSpan HangUpAfter { get; private init; }

    public SttOptions Stt { get; private init; } = new(8000);

    /// <summary>BCP-47 language the agent speaks first.</summary>
    public string Language { get; private init; } = "en";

    /// <summary>The languages a call may switch between: the default first, then the additional ones.</summary>
    public IReadOnlyList<string> Languages { get; private init; } = ["en"];

    /// <summary>Multilingual "auto" mode: the language the STT detects in a caller turn becomes the agent's.</summary>
    public bool DetectsLanguage { get; private init; }

    public static AgentRuntime From(Agent a, int sampleRate)
    {
        var language = a.Locale ?? a.DefaultLanguage;
        var keywords = new List<string>(a.BoostedKeywords);
        var detects = a.MultilingualMode == MultilingualModes.Auto && a.AdditionalLanguages.Count > 0;
        var languages = new List<string> { language };
        foreach (var additional in a.AdditionalLanguages)
        {
            if (!languages.Contains(additional, StringComparer.OrdinalIgnoreCase))
            {
                languages.Add(additional);
            }
        }
        return new AgentRuntime(a)
        {
            Vad = new VadOptions
            {
                MinSilenceDuration = a.VadMinSilenceDuration is { } s ? TimeSpan.FromSeconds(s) : new VadOptions().MinSilenceDuration,
            },
            Endpointing = new EndpointingOptions
            {
                MinDelay = TimeSpan.FromSeconds(a.MinEndpointingDelay),
                MaxDelay = TimeSpan.FromSeconds(a.MaxEndpointingDelay),
                Sensitivity = EndpointingOptions.ParseSensitivity(a.EndpointingSensitivity),
            },
            BargeIn = new BargeInOptions { InterruptionSensitivity = (float)a.InterruptionSensitivity },
            Ambient = SoundIds.TryParse(a.BackgroundNoise, out var bed) ? bed : null,
            AmbientLevel = (float)a.BackgroundNoiseLevel,
            ThinkingClip = a.ThinkingSoundsEnabled && SoundIds.TryParse(a.ThinkingClipId, out var clip) ? clip : null,
            ThinkingVolume = (float)a.ThinkingVolume,
            Speed = a.AudioSpeed,
            PokeAfter = a.NoInputPokeSec is { } poke ? TimeSpan.FromSeconds(poke) : null,
            HangUpAfter = TimeSpan.FromSeconds(a.NoInputEndConversationSec),
            // In "auto" multilingual mode the provider detects the language of each turn.
            Stt = new SttOptions(sampleRate,
                detects ? null : language,
                keywords,
                a.SttMode == SttModes.Accurate ? SttMode.Accurate : SttMode.Fast),
            Language = language,
            Languages = languages,
            DetectsLanguage = detects,
        };
    }

    /// <summary>Word → IPA lexicon for text-to-speech.</summary>
    public IReadOnlyDictionary<string, string> Pronunciations()
    {
        var lexicon = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in Agent.Pronunciations)
        {
            lexicon[p.Word] = p.Phonemes;
        }
        return lexicon;
    }
}

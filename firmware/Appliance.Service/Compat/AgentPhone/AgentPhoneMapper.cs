using System.Globalization;
using System.Text.Json.Nodes;
using Appliance.Configuration.Model;
using Appliance.Configuration.Validation;

namespace Appliance.Service.Compat.AgentPhone;

/// <summary>
/// Seed 001 (camelCase agents) ↔ the canonical agent. A thin mapper: it renames, converts units
/// and applies this dialect's own defaults and narrower enums; every other rule is the canonical
/// validator's, its errors renamed back to camelCase. docs/configuration.md has the table.
/// </summary>
internal static class AgentPhoneMapper
{
    // Seed 001's documented defaults that differ from the canonical (Phonic) ones.
    public const string DefaultVoiceMode = VoiceModes.Webhook;
    public const int DefaultMaxSilenceMs = 600_000;
    public const string DefaultLanguage = "en-US";

    // "A quiet bed": the ambience level used when ambientSound turns a bed on over a level of 0.
    public const double QuietBedLevel = 0.05;

    public static readonly string[] AmbientSounds = ["none", BackgroundNoises.Office, BackgroundNoises.CoffeeShop, BackgroundNoises.Outdoor];
    public static readonly string[] DenoisingModesAllowed = [DenoisingModes.NoiseCancellation, DenoisingModes.NoiseAndBackgroundSpeech];

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "name", "description", "voiceMode", "enableMessaging", "modelTier", "systemPrompt", "beginMessage", "voice",
        "transferNumber", "voicemailMessage", "sttMode", "ambientSound", "denoisingMode", "maxSilenceMs", "voiceSpeed",
        "interruptionSensitivity", "enableBackchannel", "language",
        // Read-only fields a client may echo back from a GET.
        "id", "createdAt",
    };

    public static readonly DialectErrors Names = new DialectErrors(new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["name"] = "name", ["display_name"] = "name", ["description"] = "description", ["voice_mode"] = "voiceMode",
        ["enable_messaging"] = "enableMessaging", ["model_tier"] = "modelTier", ["system_prompt"] = "systemPrompt",
        ["welcome_message"] = "beginMessage", ["voice_id"] = "voice", ["transfer_number"] = "transferNumber",
        ["voicemail_message"] = "voicemailMessage", ["stt_mode"] = "sttMode", ["background_noise"] = "ambientSound",
        ["background_noise_level"] = "ambientSound", ["denoising_mode"] = "denoisingMode",
        ["no_input_end_conversation_sec"] = "maxSilenceMs", ["audio_speed"] = "voiceSpeed",
        ["interruption_sensitivity"] = "interruptionSensitivity", ["enable_backchannel"] = "enableBackchannel",
        ["locale"] = "language", ["default_language"] = "language", ["additional_languages"] = "language",
        ["template_variables"] = "systemPrompt",
    });

    /// <summary>
    /// The canonical create or update request for a seed 001 body. <paramref name="stored"/> is null
    /// on create (the dialect's defaults then fill what is not sent).
    /// </summary>
    public static JsonObject ToCanonical(JsonObject body, Agent? stored, Func<string, bool> nameTaken, ValidationErrors errors)
    {
        var d = new DialectBody(body, errors);
        d.RefuseUnknown(Known);
        var c = new JsonObject();
        RefuseChangedReadOnly(d, stored);

        if (d.TryString("name", out var name))
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > 255)
            {
                errors.Add("name", "must be 1 to 255 characters");
            }
            else if (name != (stored?.DisplayName ?? stored?.Name))
            {
                c["display_name"] = name;
                if (stored is null)
                {
                    c["name"] = NameSlug.Unique(name, nameTaken);
                }
            }
        }
        else if (stored is null && !errors.Contains("name"))
        {
            errors.Add("name", "is required");
        }

        CopyString(d, "description", c, "description", nullValue: null);
        CopyEnum(d, "voiceMode", VoiceModes.All, c, "voice_mode", DefaultVoiceMode);
        CopyBool(d, "enableMessaging", c, "enable_messaging", true);
        CopyEnum(d, "modelTier", ModelTiers.All, c, "model_tier", ModelTiers.Balanced);
        CopyString(d, "systemPrompt", c, "system_prompt", nullValue: "");
        CopyString(d, "beginMessage", c, "welcome_message", nullValue: "");
        CopyString(d, "voice", c, "voice_id", nullValue: "grant");
        CopyString(d, "transferNumber", c, "transfer_number", nullValue: null);
        CopyString(d, "voicemailMessage", c, "voicemail_message", nullValue: null);
        CopyEnum(d, "sttMode", SttModes.All, c, "stt_mode", SttModes.Fast);
        // A value written through another dialect (call-center, off) may come back unchanged from a GET.
        if (!IsEcho(d, "denoisingMode", stored?.DenoisingMode))
        {
            CopyEnum(d, "denoisingMode", DenoisingModesAllowed, c, "denoising_mode", DenoisingModes.NoiseCancellation);
        }
        CopyNumber(d, "voiceSpeed", c, "audio_speed", 1.0);
        CopyNumber(d, "interruptionSensitivity", c, "interruption_sensitivity", 0.8);
        CopyBool(d, "enableBackchannel", c, "enable_backchannel", true);

        if (!IsEcho(d, "ambientSound", stored is null ? null : stored.BackgroundNoise ?? "none") && d.TryEnum("ambientSound", AmbientSounds, out var ambient))
        {
            var noise = ambient is null or "none" ? null : ambient;
            c["background_noise"] = noise;
            if (noise is not null && (stored?.BackgroundNoiseLevel ?? 0) == 0)
            {
                c["background_noise_level"] = QuietBedLevel;
            }
        }

        if (d.TryInteger("maxSilenceMs", out var silenceMs))
        {
            var ms = silenceMs ?? DefaultMaxSilenceMs;
            if (ms is < 10_000 or > 3_600_000)
            {
                errors.Add("maxSilenceMs", "must be between 10000 and 3600000");
            }
            else
            {
                // The box counts caller silence in whole seconds.
                c["no_input_end_conversation_sec"] = (int)Math.Round(ms / 1000.0, MidpointRounding.AwayFromZero);
            }
        }
        else if (stored is null)
        {
            c["no_input_end_conversation_sec"] = DefaultMaxSilenceMs / 1000;
        }
        if (stored is null && !c.ContainsKey("voice_mode"))
        {
            c["voice_mode"] = DefaultVoiceMode;
        }

        if (!IsEcho(d, "language", stored is null ? null : LanguageOf(stored)) && d.TryString("language", out var language))
        {
            var locale = language ?? DefaultLanguage;
            if (!Formats.IsBcp47(locale))
            {
                errors.Add("language", "must be a BCP-47 locale such as en-US");
            }
            else
            {
                c["default_language"] = Formats.LanguageOf(locale);
                c["locale"] = locale;
            }
        }
        return c;
    }

    public static JsonObject FromCanonical(Agent a) => new()
    {
        ["id"] = a.Id,
        ["name"] = a.DisplayName ?? a.Name,
        ["description"] = a.Description,
        ["voiceMode"] = a.VoiceMode,
        ["voice"] = a.VoiceId,
        ["createdAt"] = a.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        ["enableMessaging"] = a.EnableMessaging,
        ["modelTier"] = a.ModelTier,
        ["systemPrompt"] = a.SystemPrompt,
        ["beginMessage"] = a.WelcomeMessage.Length == 0 ? null : a.WelcomeMessage,
        ["transferNumber"] = a.TransferNumber,
        ["voicemailMessage"] = a.VoicemailMessage,
        ["sttMode"] = a.SttMode,
        ["ambientSound"] = a.BackgroundNoise ?? "none",
        ["denoisingMode"] = a.DenoisingMode,
        ["maxSilenceMs"] = a.NoInputEndConversationSec * 1000,
        ["voiceSpeed"] = a.AudioSpeed,
        ["interruptionSensitivity"] = a.InterruptionSensitivity,
        ["enableBackchannel"] = a.EnableBackchannel,
        ["language"] = LanguageOf(a),
    };

    /// <summary>The agent's BCP-47 locale: the stored one, en-US for plain English, else the language code.</summary>
    public static string LanguageOf(Agent a) => a.Locale ?? (a.DefaultLanguage == "en" ? DefaultLanguage : a.DefaultLanguage);

    /// <summary>id and createdAt may come back from a GET unchanged, never changed.</summary>
    private static void RefuseChangedReadOnly(DialectBody d, Agent? stored)
    {
        if (d.TryString("id", out var id) && id != stored?.Id)
        {
            d.Errors.Add("id", "is read-only");
        }
        if (d.TryString("createdAt", out var created)
            && (stored is null || !DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, out var at) || at != stored.CreatedAt))
        {
            d.Errors.Add("createdAt", "is read-only");
        }
    }

    private static bool IsEcho(DialectBody d, string field, string? stored) =>
        stored is not null && d.Json[field] is JsonValue v && v.TryGetValue<string>(out var sent) && sent == stored;

    private static void CopyString(DialectBody d, string field, JsonObject c, string canonical, string? nullValue)
    {
        if (d.TryString(field, out var value))
        {
            c[canonical] = value ?? nullValue;
        }
    }

    private static void CopyEnum(DialectBody d, string field, string[] allowed, JsonObject c, string canonical, string nullValue)
    {
        if (d.TryEnum(field, allowed, out var value))
        {
            c[canonical] = value ?? nullValue;
        }
    }

    private static void CopyBool(DialectBody d, string field, JsonObject c, string canonical, bool nullValue)
    {
        if (d.TryBool(field, out var value))
        {
            c[canonical] = value ?? nullValue;
        }
    }

    private static void CopyNumber(DialectBody d, string field, JsonObject c, string canonical, double nullValue)
    {
        if (d.TryNumber(field, out var value))
        {
            c[canonical] = value ?? nullValue;
        }
    }
}

namespace Appliance.Service.Compat.AgentConfig;

/// <summary>Seed 004's field names and enumerations, and how canonical error paths read in this dialect.</summary>
internal static class AgentConfigFields
{
    /// <summary>Top-level fields whose canonical name and value are the same (validated by the canonical rules).</summary>
    public static readonly string[] SameName =
    [
        "description", "system_prompt", "agent_type", "status", "voice_model", "stt_model", "tts_model",
        "sip_transfer_enabled", "email_enabled", "email_instructions", "voicemail_detection", "echo_detection",
        "recording_enabled", "transfer_rules", "notification_emails", "email_server_id", "timezone",
        "knowledge_base_urls", "google_place_id", "warm_transfer_enabled", "warm_transfer_rules", "hold_music_url",
        "pass_caller_id", "pronunciations", "integrations", "provider",
        // Read-only: accepted back from a GET unchanged, refused when changed (canonical rule).
        "id", "created_at", "updated_at", "google_place_data", "google_place_context", "google_place_fetched_at",
    ];

    /// <summary>Simple renames: seed 004 name → canonical name.</summary>
    public static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["name"] = "display_name",
        ["initial_message"] = "welcome_message",
        ["model"] = "llm_model",
    };

    /// <summary>Fields mapped by code (objects and converted values), and output-only fields dropped on input.</summary>
    public static readonly string[] Special = ["language", "transfer_number", "voice_config", "config", "extensions", "secrets_set", "warnings"];

    public static readonly string[] Models = ["gpt-4.1", "gpt-4.1-mini", "gpt-4o", "gpt-4o-mini"];
    public static readonly string[] SttModels = ["deepgram"];
    public static readonly string[] TtsModels = ["cartesia", "minimax"];
    public static readonly string[] Languages = ["en-US", "es-US", "multi"];

    /// <summary>The languages seed 004 lists for "multi", after English.</summary>
    public static readonly string[] MultiLanguages = ["es", "fr", "de", "hi", "ru", "pt", "ja", "it", "nl"];

    /// <summary>voice_config property → canonical field.</summary>
    public static readonly Dictionary<string, string> VoiceConfig = new(StringComparer.Ordinal)
    {
        ["voice_id"] = "voice_id",
        ["model"] = "voice_model",
        ["language"] = "voice_language",
        ["min_endpointing_delay"] = "min_endpointing_delay",
        ["max_endpointing_delay"] = "max_endpointing_delay",
        ["vad_min_silence_duration"] = "vad_min_silence_duration",
    };

    /// <summary>config property → canonical field (background_audio_enabled is mapped by code).</summary>
    public static readonly Dictionary<string, string> Config = new(StringComparer.Ordinal)
    {
        ["enable_recording"] = "recording_enabled",
        ["user_timezone"] = "timezone",
        ["inactivity_timeout"] = "no_input_poke_sec",
        ["ambient_type"] = "background_noise",
        ["ambient_volume"] = "background_noise_level",
        ["thinking_sounds_enabled"] = "thinking_sounds_enabled",
        ["thinking_volume"] = "thinking_volume",
        ["thinking_clip_id"] = "thinking_clip_id",
        ["summary_context"] = "summary_context",
    };

    public static readonly DialectErrors Names = BuildNames();

    private static DialectErrors BuildNames()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["display_name"] = "name",
            ["welcome_message"] = "initial_message",
            ["llm_model"] = "model",
            ["locale"] = "language",
            ["default_language"] = "language",
            ["additional_languages"] = "language",
            ["multilingual_mode"] = "language",
            ["extensions.mcp_servers[].connection_name"] = "extensions.mcp_servers[].name",
            ["extensions.mcp_servers[].mcp_endpoint_url"] = "extensions.mcp_servers[].url",
        };
        foreach (var (field, canonical) in VoiceConfig)
        {
            map[canonical] = "voice_config." + field;
        }
        // voice_config.model and the top-level voice_model are one canonical field; errors use the top-level name.
        map["voice_model"] = "voice_model";
        foreach (var (field, canonical) in Config)
        {
            // Fields that also exist at the top level keep their top-level name.
            if (canonical is not ("recording_enabled" or "timezone"))
            {
                map[canonical] = "config." + field;
            }
        }
        return new DialectErrors(map);
    }
}

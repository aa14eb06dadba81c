using Appliance.Configuration.Model;

namespace Appliance.Configuration.Validation;

/// <summary>
/// The invariants every stored agent satisfies, whatever dialect wrote it. Rules that need other
/// records (number ownership, e-mail server existence) are checked by the store.
/// </summary>
public static class AgentValidator
{
    public static ValidationErrors Validate(Agent a)
    {
        var e = new ValidationErrors();
        if (!Formats.IsAgentName(a.Name))
        {
            e.Add("name", "must be 1-100 characters of lowercase letters, numbers and hyphens");
        }
        if (!Formats.IsAgentName(a.Project))
        {
            e.Add("project", "must be 1-100 characters of lowercase letters, numbers and hyphens");
        }
        Check.Length(e, "display_name", a.DisplayName, 1, 255);
        Check.Length(e, "description", a.Description, 0, 2000);
        Check.OneOf(e, "agent_type", a.AgentType, AgentTypes.All);
        Check.OneOf(e, "status", a.Status, AgentStatuses.All);
        Check.Length(e, "provider", a.Provider, 1, 100);
        ValidateAnswering(a, e);
        ValidatePrompting(a, e);
        ValidateSpeech(a, e);
        ValidateTiming(a, e);
        ValidateCallFeatures(a, e);
        ValidateNumbers(a, e);
        ToolValidator.Validate(a, e);
        IntegrationValidator.Validate(a.Integrations, e);
        return e;
    }

    private static void ValidateAnswering(Agent a, ValidationErrors e)
    {
        Check.OneOf(e, "voice_mode", a.VoiceMode, VoiceModes.All);
        Check.HttpUrl(e, "webhook_url", a.WebhookUrl);
        Check.Length(e, "webhook_secret", a.WebhookSecret, 0, 512);
        Check.OneOf(e, "model_tier", a.ModelTier, ModelTiers.All);
        Check.Length(e, "llm_model", a.LlmModel, 1, 100);
        Check.Range(e, "llm_temperature", a.LlmTemperature, 0, 2);
        Check.Range(e, "llm_max_tokens", a.LlmMaxTokens, 1, 32000);
    }

    private static void ValidatePrompting(Agent a, ValidationErrors e)
    {
        Check.Length(e, "system_prompt", a.SystemPrompt, 0, 20000);
        Check.Length(e, "welcome_message", a.WelcomeMessage, 0, 2000);
        Check.Length(e, "summary_context", a.SummaryContext, 0, 4000);
        if (a.TemplateVariables.Count > 100)
        {
            e.Add("template_variables", "must have at most 100 entries");
        }
        foreach (var (name, variable) in a.TemplateVariables)
        {
            if (!TemplateText.IsVariableName(name))
            {
                e.Add($"template_variables.{name}", "name must start with a letter or underscore and hold only letters, digits and underscores");
            }
            Check.Length(e, $"template_variables.{name}.default_value", variable.DefaultValue, 0, 2000);
        }
        Check.Count(e, "tasks", a.Tasks, 50);
        for (var i = 0; i < a.Tasks.Count; i++)
        {
            Check.Length(e, $"tasks[{i}].name", a.Tasks[i].Name, 1, 200);
            Check.Length(e, $"tasks[{i}].description", a.Tasks[i].Description, 0, 4000);
        }
        foreach (var name in TemplateText.VariablesIn(a.SystemPrompt).Concat(TemplateText.VariablesIn(a.WelcomeMessage)))
        {
            if (!a.TemplateVariables.ContainsKey(name) && !TemplateText.IsSystemVariable(name))
            {
                e.Add("template_variables", $"'{{{{{name}}}}}' is used in the prompt or welcome message but not defined");
            }
        }
    }

    private static void ValidateSpeech(Agent a, ValidationErrors e)
    {
        Check.Length(e, "voice_id", a.VoiceId, 1, 100);
        Check.Length(e, "voice_model", a.VoiceModel, 1, 100);
        if (a.VoiceLanguage is not null && !Formats.IsIso6391(a.VoiceLanguage) && !Formats.IsBcp47(a.VoiceLanguage))
        {
            e.Add("voice_language", "must be an ISO 639-1 code or a BCP-47 locale");
        }
        Check.OneOf(e, "stt_model", a.SttModel, SttModels.All);
        Check.OneOf(e, "stt_mode", a.SttMode, SttModes.All);
        Check.OneOf(e, "tts_model", a.TtsModel, TtsModels.All, nullable: true);
        Check.OneOf(e, "audio_format", a.AudioFormat, AudioFormats.All);
        Check.Range(e, "audio_speed", a.AudioSpeed, 0.5, 2.0);
        Check.Count(e, "boosted_keywords", a.BoostedKeywords, 200);
        for (var i = 0; i < a.BoostedKeywords.Count; i++)
        {
            Check.Length(e, $"boosted_keywords[{i}]", a.BoostedKeywords[i], 1, 100);
        }
        Check.Count(e, "pronunciations", a.Pronunciations, 500);
        for (var i = 0; i < a.Pronunciations.Count; i++)
        {
            Check.Length(e, $"pronunciations[{i}].word", a.Pronunciations[i].Word, 1, 100);
            Check.Length(e, $"pronunciations[{i}].phonemes", a.Pronunciations[i].Phonemes, 1, 200);
        }
        if (!Formats.IsIso6391(a.DefaultLanguage))
        {
            e.Add("default_language", "must be an ISO 639-1 language code such as en");
        }
        for (var i = 0; i < a.AdditionalLanguages.Count; i++)
        {
            var lang = a.AdditionalLanguages[i];
            if (!Formats.IsIso6391(lang))
            {
                e.Add($"additional_languages[{i}]", "must be an ISO 639-1 language code");
            }
            else if (lang == a.DefaultLanguage)
            {
                e.Add($"additional_languages[{i}]", "must not contain default_language");
            }
        }
        Check.Unique(e, "additional_languages", a.AdditionalLanguages, StringComparer.Ordinal);
        Check.OneOf(e, "multilingual_mode", a.MultilingualMode, MultilingualModes.All);
        if (a.Locale is not null)
        {
            if (!Formats.IsBcp47(a.Locale))
            {
                e.Add("locale", "must be a BCP-47 locale such as en-US");
            }
            else if (Formats.LanguageOf(a.Locale) != a.DefaultLanguage)
            {
                e.Add("locale", "must be a locale of default_language");
            }
        }
        if (a.Timezone is not null && !Formats.IsIanaTimeZone(a.Timezone))
        {
            e.Add("timezone", "must be an IANA time zone such as America/New_York");
        }
    }

    private static void ValidateTiming(Agent a, ValidationErrors e)
    {
        Check.OneOf(e, "background_noise", a.BackgroundNoise, BackgroundNoises.All, nullable: true);
        Check.Range(e, "background_noise_level", a.BackgroundNoiseLevel, 0, 0.25);
        Check.OneOf(e, "thinking_clip_id", a.ThinkingClipId, ThinkingClips.All);
        Check.Range(e, "thinking_volume", a.ThinkingVolume, 0, 1);
        Check.OneOf(e, "denoising_mode", a.DenoisingMode, DenoisingModes.All);
        Check.Range(e, "interruption_sensitivity", a.InterruptionSensitivity, 0, 1);
        Check.Range(e, "min_endpointing_delay", a.MinEndpointingDelay, 0, 10);
        Check.Range(e, "max_endpointing_delay", a.MaxEndpointingDelay, 0, 30);
        if (a.MaxEndpointingDelay < a.MinEndpointingDelay)
        {
            e.Add("max_endpointing_delay", "must not be less than min_endpointing_delay");
        }
        Check.Range(e, "vad_min_silence_duration", a.VadMinSilenceDuration, 0.05, 5);
        Check.OneOf(e, "endpointing_sensitivity", a.EndpointingSensitivity, EndpointingSensitivities.All);
        Check.OneOf(e, "ivr_navigation_mode", a.IvrNavigationMode, IvrNavigationModes.All);
        Check.Range(e, "no_input_poke_sec", a.NoInputPokeSec, 1, 3600);
        Check.Length(e, "no_input_poke_text", a.NoInputPokeText, 0, 500);
        Check.Range(e, "no_input_end_conversation_sec", a.NoInputEndConversationSec, 1, 3600);
    }

    private static void ValidateCallFeatures(Agent a, ValidationErrors e)
    {
        Check.Length(e, "voicemail_message", a.VoicemailMessage, 0, 2000);
        if (a.TransferNumber is not null && !Formats.IsTransferTarget(a.TransferNumber))
        {
            e.Add("transfer_number", "must be an E.164 number, a tel: or sip: URI, or a PBX extension");
        }
        Check.Length(e, "transfer_rules", a.TransferRules, 0, 4000);
        Check.Length(e, "warm_transfer_rules", a.WarmTransferRules, 0, 4000);
        Check.HttpUrl(e, "hold_music_url", a.HoldMusicUrl);
        Check.Length(e, "email_instructions", a.EmailInstructions, 0, 4000);
        Check.Count(e, "notification_emails", a.NotificationEmails, 20);
        for (var i = 0; i < a.NotificationEmails.Count; i++)
        {
            if (!Formats.IsEmail(a.NotificationEmails[i]))
            {
                e.Add($"notification_emails[{i}]", "must be an e-mail address");
            }
        }
        Check.Count(e, "knowledge_base_urls", a.KnowledgeBaseUrls, 50);
        for (var i = 0; i < a.KnowledgeBaseUrls.Count; i++)
        {
            Check.HttpUrl(e, $"knowledge_base_urls[{i}]", a.KnowledgeBaseUrls[i]);
        }
        Check.Length(e, "google_place_id", a.GooglePlaceId, 1, 256);
        if (a.ConfigurationEndpoint is { } endpoint)
        {
            Check.HttpUrl(e, "configuration_endpoint.url", endpoint.Url);
            Check.Range(e, "configuration_endpoint.timeout_ms", endpoint.TimeoutMs, 100, 30000);
        }
    }

    private static void ValidateNumbers(Agent a, ValidationErrors e)
    {
        Check.OneOf(e, "phone_number", a.PhoneNumber, PhoneNumberModes.All, nullable: true);
        for (var i = 0; i < a.CustomPhoneNumbers.Count; i++)
        {
            Check.E164(e, $"custom_phone_numbers[{i}]", a.CustomPhoneNumbers[i]);
        }
        Check.Unique(e, "custom_phone_numbers", a.CustomPhoneNumbers, StringComparer.Ordinal);
        if (a.PhoneNumber == PhoneNumberModes.Custom && a.CustomPhoneNumbers.Count == 0)
        {
            e.Add("custom_phone_numbers", "is required when phone_number is \"custom\"");
        }
        if (a.PhoneNumber is null && a.CustomPhoneNumbers.Count > 0)
        {
            e.Add("custom_phone_numbers", "needs phone_number \"custom\"");
        }
        Check.Range(e, "inbound_rollout", a.InboundRollout, 0, 1);
        Check.E164(e, "inbound_rollout_forward_phone_number", a.InboundRolloutForwardPhoneNumber);
        if (a.InboundRollout < 1)
        {
            if (a.PhoneNumber is null)
            {
                e.Add("phone_number", "is required when inbound_rollout is less than 1.0");
            }
            if (a.InboundRolloutForwardPhoneNumber is null)
            {
                e.Add("inbound_rollout_forward_phone_number", "is required when inbound_rollout is less than 1.0");
            }
        }
        else if (a.InboundRolloutForwardPhoneNumber is not null)
        {
            e.Add("inbound_rollout_forward_phone_number", "must be null when inbound_rollout is 1.0");
        }
    }
}

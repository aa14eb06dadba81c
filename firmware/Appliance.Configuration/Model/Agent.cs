using System.Text.Json.Nodes;

namespace Appliance.Configuration.Model;

/// <summary>
/// The canonical agent: one model that every API dialect maps onto and that the call path reads.
/// Property names become snake_case on the wire (the native /v1 API is Phonic-shaped).
/// docs/configuration.md maps every seed field to one of these properties.
/// </summary>
public sealed class Agent
{
    // Identity and lifecycle
    public string Id { get; set; } = "";
    public string Project { get; set; } = Projects.Default;
    public string Name { get; set; } = "";
    public string? DisplayName { get; set; }
    public string? Description { get; set; }
    public string AgentType { get; set; } = AgentTypes.Custom;
    public string Status { get; set; } = AgentStatuses.Active;
    public string? Provider { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int SchemaVersion { get; set; } = StoreSchema.CurrentVersion;

    // Who answers: the hosted LLM chain or the customer's webhook
    public string VoiceMode { get; set; } = VoiceModes.Hosted;
    public string? WebhookUrl { get; set; }
    public string? WebhookSecret { get; set; }
    public bool EnableMessaging { get; set; } = true;
    public string ModelTier { get; set; } = ModelTiers.Balanced;
    public string? LlmModel { get; set; }
    public double? LlmTemperature { get; set; }
    public int? LlmMaxTokens { get; set; }

    // Prompting
    public string SystemPrompt { get; set; } = "Respond in 1-2 sentences.";
    public string WelcomeMessage { get; set; } = "";
    public bool GenerateWelcomeMessage { get; set; }
    public Dictionary<string, TemplateVariable> TemplateVariables { get; set; } = [];
    public List<AgentTask> Tasks { get; set; } = [];
    public string? SummaryContext { get; set; }

    // Voice and speech
    public string VoiceId { get; set; } = "grant";
    public string? VoiceModel { get; set; }
    public string? VoiceLanguage { get; set; }
    public string SttModel { get; set; } = SttModels.Default;
    public string SttMode { get; set; } = SttModes.Fast;
    public string? TtsModel { get; set; }
    public string AudioFormat { get; set; } = AudioFormats.Pcm44100;
    public double AudioSpeed { get; set; } = 1.0;
    public List<string> BoostedKeywords { get; set; } = [];
    public List<Pronunciation> Pronunciations { get; set; } = [];

    // Languages and time
    public string DefaultLanguage { get; set; } = "en";
    public List<string> AdditionalLanguages { get; set; } = [];
    public string MultilingualMode { get; set; } = MultilingualModes.Request;
    public string? Locale { get; set; }
    public string? Timezone { get; set; }

    // Audio around the conversation
    public string? BackgroundNoise { get; set; }
    public double BackgroundNoiseLevel { get; set; }
    public bool ThinkingSoundsEnabled { get; set; }
    public string ThinkingClipId { get; set; } = ThinkingClips.KeyboardTyping;
    public double ThinkingVolume { get; set; } = 0.5;
    public string DenoisingMode { get; set; } = DenoisingModes.NoiseCancellation;
    public bool EchoDetection { get; set; } = true;

    // Turn-taking
    public double InterruptionSensitivity { get; set; } = 0.8;
    public bool EnableBackchannel { get; set; } = true;
    public double MinEndpointingDelay { get; set; } = 0.1;
    public double MaxEndpointingDelay { get; set; } = 2.0;
    public double? VadMinSilenceDuration { get; set; }
    public string EndpointingSensitivity { get; set; } = EndpointingSensitivities.Auto;
    public bool PushToTalk { get; set; }
    public string IvrNavigationMode { get; set; } = IvrNavigationModes.Default;

    // Silence handling
    public int? NoInputPokeSec { get; set; } = 180;
    public string NoInputPokeText { get; set; } = "Are you still there?";
    public bool GenerateNoInputPokeText { get; set; }
    public int NoInputEndConversationSec { get; set; } = 180;

    // Voicemail and recording
    public bool VoicemailDetection { get; set; }
    public string? VoicemailMessage { get; set; }
    public bool RecordingEnabled { get; set; }

    // Transfer
    public string? TransferNumber { get; set; }
    public string? TransferRules { get; set; }
    public bool SipTransferEnabled { get; set; }
    public bool WarmTransferEnabled { get; set; }
    public string? WarmTransferRules { get; set; }
    public string? HoldMusicUrl { get; set; }
    public bool PassCallerId { get; set; } = true;

    // E-mail
    public bool EmailEnabled { get; set; }
    public string? EmailInstructions { get; set; }
    public List<string> NotificationEmails { get; set; } = [];
    public string? EmailServerId { get; set; }

    // Knowledge
    public List<string> KnowledgeBaseUrls { get; set; } = [];
    public string? GooglePlaceId { get; set; }
    public JsonObject? GooglePlaceData { get; set; }
    public string? GooglePlaceContext { get; set; }
    public DateTimeOffset? GooglePlaceFetchedAt { get; set; }

    // Numbers and rollout. CustomPhoneNumbers is derived from the phone-number records on read
    // and written through to them on save, so a number has exactly one inbound agent.
    public string? PhoneNumber { get; set; }
    public List<string> CustomPhoneNumbers { get; set; } = [];
    public double InboundRollout { get; set; } = 1.0;
    public string? InboundRolloutForwardPhoneNumber { get; set; }
    public ConfigurationEndpoint? ConfigurationEndpoint { get; set; }

    // Tools and integrations
    public List<string> Tools { get; set; } = [];
    public AgentExtensions Extensions { get; set; } = new();
    public Dictionary<string, JsonObject?> Integrations { get; set; } = [];
}

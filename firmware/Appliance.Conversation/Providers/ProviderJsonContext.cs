using System.Text.Json.Serialization;
using Appliance.Conversation.Providers.Stt;
using Appliance.Conversation.Providers.Tts;
using Appliance.Conversation.Providers.Vendors;
using Appliance.Conversation.Providers.Webhook;

namespace Appliance.Conversation.Providers;

/// <summary>Source-generated JSON for every provider wire type (no reflection: Native AOT).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OpenAiTranscriptionResponse))]
[JsonSerializable(typeof(OpenAiSpeechRequest))]
[JsonSerializable(typeof(WebhookTurnRequest))]
[JsonSerializable(typeof(WebhookReply))]
[JsonSerializable(typeof(DeepgramResponse))]
[JsonSerializable(typeof(CartesiaRequest))]
[JsonSerializable(typeof(ElevenLabsRequest))]
internal sealed partial class ProviderJsonContext : JsonSerializerContext;

namespace Appliance.Configuration.Model;

// The enumerations of the canonical model. They stay strings on the wire and in the store so that
// a dialect can map its own spelling; validation refuses anything not listed in All.

public static class AgentTypes
{
    public const string Simple = "simple";
    public const string Advanced = "advanced";
    public const string Custom = "custom";
    public const string AppointmentScheduler = "appointment_scheduler";
    public const string Receptionist = "receptionist";
    public const string MessageTaker = "message_taker";
    public static readonly string[] All = [Simple, Advanced, Custom, AppointmentScheduler, Receptionist, MessageTaker];
}

public static class AgentStatuses
{
    public const string Active = "active";
    public const string Inactive = "inactive";
    public const string Cancelled = "cancelled";
    public const string Pending = "pending";
    public static readonly string[] All = [Active, Inactive, Cancelled, Pending];
}

public static class VoiceModes
{
    public const string Hosted = "hosted";
    public const string Webhook = "webhook";
    public static readonly string[] All = [Hosted, Webhook];
}

/// <summary>Seed 001 modelTier; each tier names a default model (docs/configuration.md).</summary>
public static class ModelTiers
{
    public const string Fast = "fast";
    public const string Balanced = "balanced";
    public const string Advanced = "advanced";
    public static readonly string[] All = [Fast, Balanced, Advanced];
}

public static class SttModes
{
    public const string Fast = "fast";
    public const string Accurate = "accurate";
    public static readonly string[] All = [Fast, Accurate];
}

public static class SttModels
{
    public const string Default = "default";
    public const string Deepgram = "deepgram";
    public const string Whisper = "whisper";
    public static readonly string[] All = [Default, Deepgram, Whisper];
}

public static class TtsModels
{
    public const string Cartesia = "cartesia";
    public const string Minimax = "minimax";
    public const string ElevenLabs = "elevenlabs";
    public const string OpenAi = "openai";
    public const string Local = "local";
    public static readonly string[] All = [Cartesia, Minimax, ElevenLabs, OpenAi, Local];
}

public static class AudioFormats
{
    public const string Pcm44100 = "pcm_44100";
    public const string Pcm16000 = "pcm_16000";
    public const string Pcm8000 = "pcm_8000";
    public const string Mulaw8000 = "mulaw_8000";
    public static readonly string[] All = [Pcm44100, Pcm16000, Pcm8000, Mulaw8000];
}

public static class MultilingualModes
{
    public const string Auto = "auto";
    public const string Request = "request";
    public static readonly string[] All = [Auto, Request];
}

public static class BackgroundNoises
{
    public const string Office = "office";
    public const string CallCenter = "call-center";
    public const string CoffeeShop = "coffee-shop";
    public const string Outdoor = "outdoor";
    public static readonly string[] All = [Office, CallCenter, CoffeeShop, Outdoor];
}

public static class ThinkingClips
{
    public const string KeyboardTyping = "KEYBOARD_TYPING";
    public const string KeyboardTyping2 = "KEYBOARD_TYPING2";
    public static readonly string[] All = [KeyboardTyping, KeyboardTyping2];
}

public static class DenoisingModes
{
    public const string Off = "off";
    public const string NoiseCancellation = "noise-cancellation";
    public const string NoiseAndBackgroundSpeech = "noise-and-background-speech-cancellation";
    public static readonly string[] All = [Off, NoiseCancellation, NoiseAndBackgroundSpeech];
}

public static class EndpointingSensitivities
{
    public const string Auto = "auto";
    public const string Relaxed = "relaxed";
    public const string Sensitive = "sensitive";
    public static readonly string[] All = [Auto, Relaxed, Sensitive];
}

public static class IvrNavigationModes
{
    public const string Default = "default";
    public const string Off = "off";
    public static readonly string[] All = [Default, Off];
}

/// <summary>Phonic's phone_number: null (no number), assign-automatically, or custom.</summary>
public static class PhoneNumberModes
{
    public const string AssignAutomatically = "assign-automatically";
    public const string Custom = "custom";
    public static readonly string[] All = [AssignAutomatically, Custom];
}

public static class TelephonyProviders
{
    public const string Sip = "sip";
    public const string Analog = "analog";
    public static readonly string[] All = [Sip, Analog];
}

public static class WebhookConditions
{
    public static readonly string[] All = ["before_call", "during_call", "after_call"];
}

public static class WebhookSubscriptions
{
    public static readonly string[] All = ["event_message", "event_action"];
}

public static class HttpMethods
{
    public static readonly string[] All = ["GET", "POST"];
}

public static class McpTransports
{
    public static readonly string[] All = ["streamable_http", "sse"];
}

/// <summary>Built-in tools an agent may name in "tools" (Phonic's, plus the other seeds' actions).</summary>
public static class BuiltInTools
{
    public const string KeypadInput = "keypad_input";
    public const string NaturalConversationEnding = "natural_conversation_ending";
    public const string TransferCall = "transfer_call";
    public const string EndConversation = "end_conversation";
    public const string SendDtmf = "send_dtmf";
    public const string WarmTransfer = "warm_transfer";
    public const string SendEmail = "send_email";
    public const string TakeMessage = "take_message";
    public static readonly string[] All =
        [KeypadInput, NaturalConversationEnding, TransferCall, EndConversation, SendDtmf, WarmTransfer, SendEmail, TakeMessage];
}

/// <summary>Connection types: telephony, cloud providers (Vocode's account_connection_* without the prefix), e-mail.</summary>
public static class ConnectionTypes
{
    public const string SipTrunk = "sip_trunk";
    public const string SipRegistration = "sip_registration";
    public const string AnalogLine = "analog_line";
    public const string OpenAiCompatible = "openai_compatible";
    public const string Smtp = "smtp";
    public static readonly string[] Telephony = [SipTrunk, SipRegistration, AnalogLine, "twilio", "telnyx"];
    public static readonly string[] All =
    [
        SipTrunk, SipRegistration, AnalogLine, OpenAiCompatible, Smtp,
        "twilio", "openai", "google", "azure_llm", "elevenlabs", "deepgram", "cartesia", "playht", "rime",
        "azure_speech", "assemblyai", "deepseek", "telnyx", "un_pw_oauth", "login_key_oauth", "external_api_key",
    ];
}

public static class SipTransports
{
    public static readonly string[] All = ["udp", "tcp", "tls"];
}

using System.Text.Json.Nodes;

namespace Appliance.Configuration.Model;

/// <summary>
/// A link from the box to something outside it: a PBX or SIP trunk, the analog line, a cloud AI
/// provider, an e-mail server. Password, api_key and every credential are write-only secrets.
/// </summary>
public sealed class Connection
{
    public string Id { get; set; } = "";
    public string Project { get; set; } = Projects.Default;
    public string Name { get; set; } = "";
    public string Type { get; set; } = "";
    public string? Description { get; set; }
    public bool Enabled { get; set; } = true;
    /// <summary>Order within a fallback chain: lower is tried first.</summary>
    public int Priority { get; set; } = 100;

    // SIP trunk / PBX registration
    public string? Host { get; set; }
    public int? Port { get; set; }
    public string? Transport { get; set; }
    public string? Username { get; set; }
    public string? AuthUsername { get; set; }
    public string? Password { get; set; }
    public string? Realm { get; set; }
    public int RegisterExpiresSec { get; set; } = 600;
    public List<string> AllowedAddresses { get; set; } = [];
    public string? OutboundProxy { get; set; }

    // Cloud providers and e-mail
    public string? BaseUrl { get; set; }
    public string? ApiKey { get; set; }
    /// <summary>The language model (or the only model, for single-purpose providers).</summary>
    public string? Model { get; set; }
    /// <summary>Speech-to-text model of a provider that offers several stages (e.g. whisper-1).</summary>
    public string? SttModel { get; set; }
    /// <summary>Text-to-speech model of a provider that offers several stages (e.g. tts-1).</summary>
    public string? TtsModel { get; set; }
    public string? Voice { get; set; }
    public int TimeoutMs { get; set; } = 10000;
    public string? FromAddress { get; set; }

    /// <summary>Provider-specific credential fields (e.g. Vocode's twilio_account_sid/twilio_auth_token).</summary>
    public JsonObject? Credentials { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int SchemaVersion { get; set; } = StoreSchema.CurrentVersion;
}

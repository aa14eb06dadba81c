using Appliance.Configuration.Model;

namespace Appliance.Service.Web;

/// <summary>
/// /web/api/allowed-values: the choices the validators accept for each enumerated field, taken from
/// the model's AllowedValues, so the page's dropdowns cannot drift from what the API accepts.
/// </summary>
internal static class AllowedValuesEndpoints
{
    /// <summary>Entity, then field (the wire name the validators report errors under), then its values.</summary>
    internal static readonly Dictionary<string, Dictionary<string, string[]>> Document = new(StringComparer.Ordinal)
    {
        ["agent"] = new(StringComparer.Ordinal)
        {
            ["agent_type"] = AgentTypes.All,
            ["status"] = AgentStatuses.All,
            ["voice_mode"] = VoiceModes.All,
            ["model_tier"] = ModelTiers.All,
            ["stt_model"] = SttModels.All,
            ["stt_mode"] = SttModes.All,
            ["tts_model"] = TtsModels.All,
            ["audio_format"] = AudioFormats.All,
            ["multilingual_mode"] = MultilingualModes.All,
            ["background_noise"] = BackgroundNoises.All,
            ["thinking_clip_id"] = ThinkingClips.All,
            ["denoising_mode"] = DenoisingModes.All,
            ["endpointing_sensitivity"] = EndpointingSensitivities.All,
            ["ivr_navigation_mode"] = IvrNavigationModes.All,
            // Built-in tools only: "tools" also takes the agent's own webhook and MCP tool names.
            ["tools"] = BuiltInTools.All,
        },
        ["connection"] = new(StringComparer.Ordinal)
        {
            ["type"] = ConnectionTypes.All,
            ["transport"] = SipTransports.All,
        },
    };

    public static void MapAllowedValues(this RouteGroupBuilder api) =>
        api.MapGet("/allowed-values", () => Results.Json(Document, WebJsonContext.Default.DictionaryStringDictionaryStringStringArray));
}

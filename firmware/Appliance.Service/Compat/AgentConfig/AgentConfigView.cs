using System.Text.Json.Nodes;
using Appliance.Configuration.Model;
using Appliance.Service.Http;

namespace Appliance.Service.Compat.AgentConfig;

/// <summary>
/// The canonical agent in seed 004's shape (Get Agent): snake_case with voice_config and config
/// objects, MCP servers in their stored shape, every secret removed (secrets_set lists them).
/// </summary>
internal static class AgentConfigView
{
    public static JsonObject From(Agent agent)
    {
        var p = WireFormat.Public(agent);
        var view = new JsonObject
        {
            ["id"] = Take(p, "id"),
            ["name"] = agent.DisplayName ?? agent.Name,
            ["initial_message"] = Take(p, "welcome_message"),
            ["model"] = Take(p, "llm_model"),
            ["language"] = LanguageOf(agent),
            ["transfer_number"] = Take(p, "transfer_number"),
        };
        foreach (var field in AgentConfigFields.SameName)
        {
            if (field != "id")
            {
                view[field] = Take(p, field);
            }
        }
        var voice = new JsonObject();
        foreach (var (field, canonical) in AgentConfigFields.VoiceConfig)
        {
            voice[field] = Take(p, canonical);
        }
        view["voice_config"] = voice;
        var config = new JsonObject();
        foreach (var (field, canonical) in AgentConfigFields.Config)
        {
            config[field] = Take(p, canonical);
        }
        config["background_audio_enabled"] = agent.BackgroundNoise is not null;
        view["config"] = config;
        view["extensions"] = Take(p, "extensions");
        view["secrets_set"] = Take(p, "secrets_set");
        return view;
    }

    /// <summary>en-US / es-US as stored; "multi" for an auto-multilingual agent; else the stored locale or language.</summary>
    public static string LanguageOf(Agent a) =>
        a.MultilingualMode == MultilingualModes.Auto && a.AdditionalLanguages.Count > 0 ? "multi"
        : a.Locale ?? (a.DefaultLanguage == "en" ? "en-US" : a.DefaultLanguage);

    private static JsonNode? Take(JsonObject source, string field) => source[field]?.DeepClone();
}

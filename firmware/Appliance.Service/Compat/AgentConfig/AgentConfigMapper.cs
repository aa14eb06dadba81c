using System.Text.Json.Nodes;
using Appliance.Configuration.Model;
using Appliance.Configuration.Validation;

namespace Appliance.Service.Compat.AgentConfig;

/// <summary>An MCP server of a seed 004 request, in the stored shape, waiting to be tested on save.</summary>
internal sealed record McpServerToTest(JsonObject Stored, string Name, Uri Url, string TransportType, Dictionary<string, string> Headers);

/// <summary>
/// Seed 004 "Update Agent" request → canonical partial update. Most fields share their canonical
/// name; the rest are renamed, flattened (voice_config, config) or converted (language,
/// transfer_number, MCP name/url). Canonical rules validate everything; errors come back in 004 names.
/// </summary>
internal static class AgentConfigMapper
{
    public static JsonObject ToCanonical(JsonObject body, Agent stored, List<McpServerToTest> mcpServers, ValidationErrors errors)
    {
        var d = new DialectBody(body, errors);
        var c = new JsonObject();
        foreach (var (key, value) in body)
        {
            if (Array.IndexOf(AgentConfigFields.SameName, key) >= 0)
            {
                c[key] = value?.DeepClone();
            }
            else if (key == "name" && value is JsonValue echo && echo.TryGetValue<string>(out var same) && same == (stored.DisplayName ?? stored.Name))
            {
                // The name read back (display name, or the canonical name when none) changes nothing.
            }
            else if (AgentConfigFields.Renamed.TryGetValue(key, out var canonical))
            {
                c[canonical] = value?.DeepClone();
            }
            else if (Array.IndexOf(AgentConfigFields.Special, key) < 0)
            {
                errors.Add(key, "is not a known field");
            }
        }
        CheckEnum(d, "model", AgentConfigFields.Models, stored.LlmModel);
        CheckEnum(d, "stt_model", AgentConfigFields.SttModels, stored.SttModel);
        CheckEnum(d, "tts_model", AgentConfigFields.TtsModels, stored.TtsModel);
        if (d.TryString("transfer_number", out var transfer) && transfer != stored.TransferNumber)
        {
            c["transfer_number"] = transfer is null or "" ? null : TransferTarget.Normalize(transfer);
        }
        MapLanguage(d, stored, c);
        MapObject(d, "voice_config", AgentConfigFields.VoiceConfig, c);
        MapConfig(d, stored, c);
        MapExtensions(d, stored, c, mcpServers);
        return c;
    }

    /// <summary>
    /// The dialect's narrower enumeration, except that the value already stored (written through
    /// another dialect) may be sent back unchanged, so GET → PUT always works.
    /// </summary>
    private static void CheckEnum(DialectBody d, string field, string[] allowed, string? stored)
    {
        if (d.Has(field) && !(d.Json[field] is JsonValue v && v.TryGetValue<string>(out var sent) && sent == stored))
        {
            d.TryEnum(field, allowed, out _);
        }
    }

    private static void MapLanguage(DialectBody d, Agent stored, JsonObject c)
    {
        if (d.Json["language"] is JsonValue echo && echo.TryGetValue<string>(out var same) && same == AgentConfigView.LanguageOf(stored))
        {
            return;
        }
        if (!d.TryEnum("language", AgentConfigFields.Languages, out var language) || language is null)
        {
            if (d.Has("language") && d.Json["language"] is null)
            {
                d.Errors.Add("language", $"must be one of: {string.Join(", ", AgentConfigFields.Languages)}");
            }
            return;
        }
        if (language == "multi")
        {
            c["default_language"] = "en";
            c["locale"] = null;
            c["additional_languages"] = new JsonArray([.. AgentConfigFields.MultiLanguages.Select(l => (JsonNode)JsonValue.Create(l)!)]);
            c["multilingual_mode"] = MultilingualModes.Auto;
            return;
        }
        c["default_language"] = Formats.LanguageOf(language);
        c["locale"] = language;
        c["additional_languages"] = new JsonArray();
        c["multilingual_mode"] = MultilingualModes.Request;
    }

    /// <summary>Flattens a nested 004 object onto canonical fields; only the properties sent change.</summary>
    private static void MapObject(DialectBody d, string field, Dictionary<string, string> properties, JsonObject c)
    {
        if (!d.TryObject(field, out var obj) || obj is null)
        {
            if (d.Has(field) && d.Json[field] is null)
            {
                d.Errors.Add(field, "must be an object");
            }
            return;
        }
        foreach (var (key, value) in obj)
        {
            if (properties.TryGetValue(key, out var canonical))
            {
                c[canonical] = value?.DeepClone();
            }
            else if (!(field == "config" && key == "background_audio_enabled"))
            {
                d.Errors.Add($"{field}.{key}", "is not a known field");
            }
        }
    }

    private static void MapConfig(DialectBody d, Agent stored, JsonObject c)
    {
        MapObject(d, "config", AgentConfigFields.Config, c);
        if (d.Json["config"] is not JsonObject config)
        {
            return;
        }
        var inner = new DialectBody(config, d.Errors, "config.");
        if (inner.TryBool("background_audio_enabled", out var enabled) && enabled is { } on)
        {
            // The box plays ambience when background_noise names a bed; "enabled" without a type keeps
            // the stored type, or the office bed.
            var type = c["background_noise"] is JsonValue v && v.TryGetValue<string>(out var sent) ? sent : stored.BackgroundNoise;
            c["background_noise"] = on ? type ?? BackgroundNoises.Office : null;
        }
    }

    /// <summary>
    /// extensions is replaced whole. MCP entries are sent as name/url and stored as
    /// connection_name/mcp_endpoint_url; the stored shape is accepted too, so GET → PUT works.
    /// Test results (fingerprint, tools) are never taken from the client.
    /// </summary>
    private static void MapExtensions(DialectBody d, Agent stored, JsonObject c, List<McpServerToTest> mcpServers)
    {
        if (!d.TryObject("extensions", out var extensions))
        {
            return;
        }
        if (extensions is null)
        {
            c["extensions"] = new JsonObject { ["webhooks"] = new JsonArray(), ["mcp_servers"] = new JsonArray() };
            return;
        }
        var result = new JsonObject { ["webhooks"] = new JsonArray(), ["mcp_servers"] = new JsonArray() };
        foreach (var (key, value) in extensions)
        {
            if (key == "webhooks")
            {
                result["webhooks"] = value?.DeepClone();
            }
            else if (key != "mcp_servers")
            {
                d.Errors.Add($"extensions.{key}", "is not a known field");
            }
        }
        if (extensions["mcp_servers"] is { } servers)
        {
            if (servers is not JsonArray list)
            {
                d.Errors.Add("extensions.mcp_servers", "must be an array");
                return;
            }
            var mapped = new JsonArray();
            for (var i = 0; i < list.Count; i++)
            {
                if (MapMcpServer(list[i], $"extensions.mcp_servers[{i}]", stored, d.Errors) is { } server)
                {
                    mapped.Add((JsonNode)server.Stored);
                    mcpServers.Add(server);
                }
            }
            result["mcp_servers"] = mapped;
        }
        c["extensions"] = result;
    }

    private static readonly HashSet<string> McpRequestFields = new(StringComparer.Ordinal)
    {
        "name", "url", "connection_name", "mcp_endpoint_url", "transport_type", "auth_headers", "initialization_options",
        "fingerprint", "discovered_tools", "tested_at",
    };

    private static McpServerToTest? MapMcpServer(JsonNode? node, string path, Agent stored, ValidationErrors errors)
    {
        if (node is not JsonObject entry)
        {
            errors.Add(path, "must be an object with name and url");
            return null;
        }
        var d = new DialectBody(entry, errors, path + ".");
        d.RefuseUnknown(McpRequestFields);
        var name = d.TryString("name", out var n) && n is not null ? n : d.TryString("connection_name", out var cn) ? cn : null;
        var url = d.TryString("url", out var u) && u is not null ? u : d.TryString("mcp_endpoint_url", out var mu) ? mu : null;
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(path + ".name", "is required");
        }
        if (string.IsNullOrEmpty(url))
        {
            errors.Add(path + ".url", "is required");
        }
        else if (!Formats.IsHttpUrl(url))
        {
            errors.Add(path + ".url", "must be an absolute http or https URL");
        }
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(url) || !Formats.IsHttpUrl(url))
        {
            return null;
        }
        var transport = d.TryString("transport_type", out var t) && t is not null ? t : "streamable_http";
        var storedShape = new JsonObject
        {
            ["connection_name"] = name,
            ["mcp_endpoint_url"] = url,
            ["transport_type"] = transport,
            ["auth_headers"] = entry["auth_headers"]?.DeepClone() ?? new JsonArray(),
            ["initialization_options"] = entry["initialization_options"]?.DeepClone(),
        };
        return new McpServerToTest(storedShape, name, new Uri(url), transport, HeadersOf(entry["auth_headers"], name, stored));
    }

    /// <summary>The headers to test with: those sent, a value left out (never read back) taken from the stored server.</summary>
    private static Dictionary<string, string> HeadersOf(JsonNode? sent, string name, Agent stored)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (sent is not JsonArray list)
        {
            return headers;
        }
        var previous = stored.Extensions.McpServers.Find(s => s.ConnectionName == name);
        foreach (var item in list)
        {
            if (item is JsonObject h && h["key"] is JsonValue k && k.TryGetValue<string>(out var key))
            {
                var value = h["value"] is JsonValue v && v.TryGetValue<string>(out var s) ? s
                    : previous?.AuthHeaders.Find(x => x.Key == key)?.Value;
                if (value is not null)
                {
                    headers[key] = value;
                }
            }
        }
        return headers;
    }
}

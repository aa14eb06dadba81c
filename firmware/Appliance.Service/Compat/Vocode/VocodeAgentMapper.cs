using System.Text.Json.Nodes;
using Appliance.Configuration.Model;
using Appliance.Configuration.Validation;

namespace Appliance.Service.Compat.Vocode;

/// <summary>
/// Seed 003's inline inbound_agent object (Vocode AgentParams) → a canonical create request.
/// Objects Vocode can also name by id (prompts, actions, webhooks) are only accepted inline: the
/// box keeps no separate libraries of them. docs/configuration.md has the table.
/// </summary>
internal static class VocodeAgentMapper
{
    public const string Prefix = "inbound_agent.";

    public static readonly string[] Languages = ["en", "es", "de", "hi", "pt", "fr", "nl", "id", "it", "ja", "ko"];
    public static readonly string[] InterruptSensitivities = ["low", "high"];
    public static readonly string[] ActionTypes = ["action_transfer_call", "action_end_conversation", "action_dtmf"];

    // interrupt_sensitivity low/high ↔ interruption_sensitivity: the values written, and the read threshold.
    public const double Low = 0.3;
    public const double High = 0.8;
    public const double HighThreshold = 0.5;

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "name", "prompt", "voice", "language", "actions", "initial_message", "webhook", "interrupt_sensitivity",
        "context_endpoint", "noise_suppression", "endpointing_sensitivity", "ivr_navigation_mode", "conversation_speed",
        "openai_model_name_override", "llm_temperature", "ask_if_human_present_on_idle", "idle_time_seconds",
        "deepgram_keywords", "vector_database", "initial_message_delay", "openai_account_connection",
        "run_do_not_call_detection", "llm_fallback",
    };

    public static readonly DialectErrors Names = new(new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["name"] = Prefix + "name", ["display_name"] = Prefix + "name", ["system_prompt"] = Prefix + "prompt",
        ["template_variables"] = Prefix + "prompt", ["voice_id"] = Prefix + "voice", ["default_language"] = Prefix + "language",
        ["additional_languages"] = Prefix + "language", ["tools"] = Prefix + "actions", ["transfer_number"] = Prefix + "actions",
        ["welcome_message"] = Prefix + "initial_message", ["extensions.webhooks[]"] = Prefix + "webhook",
        ["interruption_sensitivity"] = Prefix + "interrupt_sensitivity", ["configuration_endpoint"] = Prefix + "context_endpoint",
        ["denoising_mode"] = Prefix + "noise_suppression", ["endpointing_sensitivity"] = Prefix + "endpointing_sensitivity",
        ["ivr_navigation_mode"] = Prefix + "ivr_navigation_mode", ["audio_speed"] = Prefix + "conversation_speed",
        ["llm_model"] = Prefix + "openai_model_name_override", ["llm_temperature"] = Prefix + "llm_temperature",
        ["no_input_poke_sec"] = Prefix + "ask_if_human_present_on_idle", ["no_input_end_conversation_sec"] = Prefix + "idle_time_seconds",
        ["boosted_keywords"] = Prefix + "deepgram_keywords",
    });

    public static JsonObject ToCanonical(JsonObject agent, Func<string, bool> nameTaken, ValidationErrors errors)
    {
        var d = new DialectBody(agent, errors, Prefix);
        d.RefuseUnknown(Known);
        var c = new JsonObject();
        d.TryString("name", out var name);
        c["display_name"] = name;
        c["name"] = NameSlug.Unique(name ?? "vocode-agent", nameTaken);

        MapPrompt(d, c);
        if (d.TryString("initial_message", out var welcome))
        {
            c["welcome_message"] = welcome ?? "";
        }
        if (d.TryEnum("language", Languages, out var language) && language is not null)
        {
            c["default_language"] = language;
        }
        if (d.Json["voice"] is JsonObject voice)
        {
            c["voice_id"] = voice["voice_id"]?.DeepClone();
        }
        else if (d.TryString("voice", out var voiceId) && voiceId is not null)
        {
            c["voice_id"] = voiceId;
        }
        if (d.TryEnum("interrupt_sensitivity", InterruptSensitivities, out var interrupt) && interrupt is not null)
        {
            c["interruption_sensitivity"] = interrupt == "high" ? High : Low;
        }
        if (d.TryBool("noise_suppression", out var noise) && noise is { } on)
        {
            c["denoising_mode"] = on ? DenoisingModes.NoiseCancellation : DenoisingModes.Off;
        }
        CopyAsIs(d, "endpointing_sensitivity", c, "endpointing_sensitivity");
        CopyAsIs(d, "ivr_navigation_mode", c, "ivr_navigation_mode");
        CopyAsIs(d, "conversation_speed", c, "audio_speed");
        CopyAsIs(d, "openai_model_name_override", c, "llm_model");
        CopyAsIs(d, "llm_temperature", c, "llm_temperature");
        MapIdle(d, c);
        MapKeywords(d, c);
        MapActions(d, c);
        MapWebhook(d, c);
        RefuseUnsupported(d);
        return c;
    }

    /// <summary>prompt is the prompt text, or an object with content and an optional context_endpoint.</summary>
    private static void MapPrompt(DialectBody d, JsonObject c)
    {
        string? contextEndpoint = null;
        if (d.Json["prompt"] is JsonObject prompt)
        {
            var p = new DialectBody(prompt, d.Errors, Prefix + "prompt.");
            p.RefuseUnknown(new HashSet<string>(StringComparer.Ordinal) { "content", "context_endpoint", "label", "name", "description" });
            if (p.TryString("content", out var content))
            {
                c["system_prompt"] = content ?? "";
            }
            p.TryString("context_endpoint", out contextEndpoint);
        }
        else if (d.TryString("prompt", out var text))
        {
            c["system_prompt"] = text ?? "";
        }
        if (d.TryString("context_endpoint", out var endpoint) && endpoint is not null)
        {
            contextEndpoint = endpoint;
        }
        if (contextEndpoint is not null)
        {
            c["configuration_endpoint"] = new JsonObject { ["url"] = contextEndpoint };
        }
    }

    /// <summary>idle_time_seconds ends a silent call; ask_if_human_present_on_idle pokes half way through it first.</summary>
    private static void MapIdle(DialectBody d, JsonObject c)
    {
        d.TryInteger("idle_time_seconds", out var idle);
        if (idle is { } seconds)
        {
            c["no_input_end_conversation_sec"] = seconds;
        }
        if (d.TryBool("ask_if_human_present_on_idle", out var ask) && ask is { } poke)
        {
            c["no_input_poke_sec"] = poke ? Math.Max(1, (idle ?? 180) / 2) : null;
        }
    }

    /// <summary>deepgram_keywords maps each keyword to a boost; the box boosts every listed keyword alike.</summary>
    private static void MapKeywords(DialectBody d, JsonObject c)
    {
        if (d.TryObject("deepgram_keywords", out var keywords) && keywords is not null)
        {
            c["boosted_keywords"] = new JsonArray([.. keywords.Select(k => (JsonNode)JsonValue.Create(k.Key)!)]);
        }
    }

    private static void MapActions(DialectBody d, JsonObject c)
    {
        if (!d.TryArray("actions", out var actions) || actions is null)
        {
            return;
        }
        var tools = new JsonArray();
        for (var i = 0; i < actions.Count; i++)
        {
            var path = $"{Prefix}actions[{i}]";
            if (actions[i] is not JsonObject action)
            {
                d.Errors.Add(path, "must be an action object (type and config); action ids are not kept on this box");
                continue;
            }
            var a = new DialectBody(action, d.Errors, path + ".");
            a.RefuseUnknown(new HashSet<string>(StringComparer.Ordinal) { "type", "config", "action_trigger", "label", "name", "description" });
            if (!a.TryEnum("type", ActionTypes, out var type) || type is null)
            {
                if (!action.ContainsKey("type"))
                {
                    d.Errors.Add(path + ".type", "is required");
                }
                continue;
            }
            tools.Add((JsonNode)JsonValue.Create(type switch
            {
                "action_transfer_call" => BuiltInTools.TransferCall,
                "action_end_conversation" => BuiltInTools.EndConversation,
                _ => BuiltInTools.SendDtmf,
            })!);
            if (type == "action_transfer_call")
            {
                if (action["config"]?["phone_number"] is JsonValue number && number.TryGetValue<string>(out var target))
                {
                    c["transfer_number"] = target;
                }
                else
                {
                    d.Errors.Add(path + ".config.phone_number", "is required for action_transfer_call");
                }
            }
        }
        c["tools"] = tools;
    }

    private static void MapWebhook(DialectBody d, JsonObject c)
    {
        if (!d.TryObject("webhook", out var webhook) || webhook is null)
        {
            if (d.Json["webhook"] is JsonValue)
            {
                d.Errors.Add(Prefix + "webhook", "must be a webhook object (url, method, subscriptions); webhook ids are not kept on this box");
            }
            return;
        }
        var w = new DialectBody(webhook, d.Errors, Prefix + "webhook.");
        w.RefuseUnknown(new HashSet<string>(StringComparer.Ordinal) { "url", "method", "subscriptions", "label", "name", "description" });
        w.TryString("label", out var label);
        w.TryString("name", out var hookName);
        w.TryString("description", out var description);
        c["extensions"] = new JsonObject
        {
            ["webhooks"] = new JsonArray(new JsonObject
            {
                ["name"] = label ?? hookName ?? "vocode-webhook",
                ["description"] = description,
                ["url"] = webhook["url"]?.DeepClone(),
                ["method"] = webhook["method"]?.DeepClone() ?? "POST",
                ["subscriptions"] = webhook["subscriptions"]?.DeepClone() ?? new JsonArray(),
                ["conditions"] = new JsonArray("during_call"),
            }),
            ["mcp_servers"] = new JsonArray(),
        };
    }

    /// <summary>Vocode settings with no counterpart on the box: their neutral value is accepted, anything else refused.</summary>
    private static void RefuseUnsupported(DialectBody d)
    {
        foreach (var field in new[] { "vector_database", "openai_account_connection", "llm_fallback" })
        {
            if (d.Json[field] is not null)
            {
                d.Errors.Add(Prefix + field, "is not supported on this box (see docs/configuration.md); send null or leave it out");
            }
        }
        if (d.TryBool("run_do_not_call_detection", out var dnc) && dnc == true)
        {
            d.Errors.Add(Prefix + "run_do_not_call_detection", "is not supported on this box; send false or leave it out");
        }
        if (d.TryNumber("initial_message_delay", out var delay) && delay is { } value && value != 0)
        {
            d.Errors.Add(Prefix + "initial_message_delay", "is not supported on this box; send 0 or leave it out");
        }
    }

    private static void CopyAsIs(DialectBody d, string field, JsonObject c, string canonical)
    {
        if (d.Json.TryGetPropertyValue(field, out var value) && value is not null)
        {
            c[canonical] = value.DeepClone();
        }
    }
}

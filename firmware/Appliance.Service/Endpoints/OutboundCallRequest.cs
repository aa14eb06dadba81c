using System.Text.Json.Nodes;
using Appliance.Configuration.Model;
using Appliance.Configuration.Store;
using Appliance.Configuration.Validation;

namespace Appliance.Service.Endpoints;

/// <summary>
/// POST /v1/calls: {"agent": id or name, "to": E.164 / extension / sip: URI, "from_number": a
/// configured number (outbound-only numbers allowed), "template_variables": {name: value}}.
/// </summary>
internal sealed record OutboundCallRequest(Agent? Agent, string? To, string? FromNumber, Dictionary<string, string>? Variables, ValidationErrors? Errors)
{
    private static readonly string[] Fields = ["agent", "to", "from_number", "template_variables", "project"];

    public static OutboundCallRequest Parse(JsonObject body, ConfigurationStore store)
    {
        var errors = new ValidationErrors();
        foreach (var (field, _) in body)
        {
            if (Array.IndexOf(Fields, field) < 0)
            {
                errors.Add(field, "is not a known field");
            }
        }
        var project = Text(body, "project", errors) ?? Projects.Default;
        var agentRef = Text(body, "agent", errors);
        var agent = agentRef is null ? null : store.GetAgent(agentRef) ?? store.FindAgent(project, agentRef);
        if (agent is null)
        {
            errors.Add("agent", agentRef is null ? "is required" : $"no agent '{agentRef}' in project '{project}'");
        }
        var to = Text(body, "to", errors);
        if (to is null || !Formats.IsTransferTarget(to))
        {
            errors.Add("to", "must be an E.164 number, a PBX extension or a sip: URI");
        }
        var from = Text(body, "from_number", errors);
        if (from is not null && store.FindPhoneNumber(from) is not { Active: true })
        {
            errors.Add("from_number", "must be an active number configured on this box");
        }
        Dictionary<string, string>? variables = null;
        if (body["template_variables"] is JsonObject given)
        {
            variables = [];
            foreach (var (name, value) in given)
            {
                if (!TemplateText.IsVariableName(name) || value is not JsonValue v || !v.TryGetValue<string>(out var text))
                {
                    errors.Add($"template_variables.{name}", "must be a string value under a variable name");
                    continue;
                }
                variables[name] = text;
            }
        }
        else if (body.ContainsKey("template_variables") && body["template_variables"] is not null)
        {
            errors.Add("template_variables", "must be an object of name: value");
        }
        return new(agent, to, from, variables, errors.IsEmpty ? null : errors);
    }

    private static string? Text(JsonObject body, string field, ValidationErrors errors)
    {
        if (body[field] is null)
        {
            return null;
        }
        if (body[field] is JsonValue v && v.TryGetValue<string>(out var s))
        {
            return s;
        }
        errors.Add(field, "must be a string");
        return null;
    }
}

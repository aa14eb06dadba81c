using System.Globalization;
using System.Text;
using Appliance.Configuration.Model;
using Appliance.Configuration.Validation;
using TimeZoneConverter;

namespace Appliance.Conversation.Session;

/// <summary>
/// Fills template and system variables and assembles the system prompt the LLM gets: the agent's
/// instructions, its tasks, languages, transfer rules and the phone-call house rules.
/// </summary>
public static class PromptBuilder
{
    /// <summary>Values for {{name}}: the agent's defaults, overridden per call, plus the system variables.</summary>
    public static Dictionary<string, string> Variables(Agent agent, CallFacts call, IReadOnlyDictionary<string, string>? overrides)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, variable) in agent.TemplateVariables)
        {
            if (variable.DefaultValue is { } value)
            {
                values[name] = value;
            }
        }
        if (overrides is not null)
        {
            foreach (var (name, value) in overrides)
            {
                values[name] = value;
            }
        }
        var zone = ZoneOf(agent.Timezone);
        var local = TimeZoneInfo.ConvertTime(call.Now, zone);
        values["system_time"] = local.ToString("dddd d MMMM yyyy HH:mm", CultureInfo.InvariantCulture);
        values["system_date"] = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        values["system_timezone"] = agent.Timezone ?? "UTC";
        values["caller_number"] = call.CallerNumber ?? "unknown";
        values["called_number"] = call.CalledNumber ?? "unknown";
        values["agent_name"] = agent.DisplayName ?? agent.Name;
        values["call_id"] = call.CallId;
        return values;
    }

    public static string SystemPrompt(Agent agent, IReadOnlyDictionary<string, string> variables)
    {
        var prompt = new StringBuilder(TemplateText.Fill(agent.SystemPrompt, variables));
        prompt.Append("\n\nYou are speaking on a phone call: reply in short spoken sentences, no lists or markup.");
        if (agent.Tasks.Count > 0)
        {
            prompt.Append("\n\nTasks to accomplish on this call:");
            foreach (var task in agent.Tasks)
            {
                prompt.Append("\n- ").Append(task.Name).Append(": ").Append(task.Description);
            }
        }
        var language = agent.Locale ?? agent.DefaultLanguage;
        prompt.Append("\n\nSpeak ").Append(language).Append('.');
        if (agent.AdditionalLanguages.Count > 0)
        {
            prompt.Append(agent.MultilingualMode == MultilingualModes.Auto
                ? " Answer in the language the caller uses, among: "
                : " Switch language only when the caller asks, among: ");
            prompt.Append(string.Join(", ", agent.AdditionalLanguages)).Append('.');
        }
        if (agent.TransferRules is { Length: > 0 } rules)
        {
            prompt.Append("\n\nTransfer rules: ").Append(rules);
        }
        if (agent.WarmTransferEnabled && agent.WarmTransferRules is { Length: > 0 } warm)
        {
            prompt.Append("\n\nWarm transfer rules: ").Append(warm);
        }
        if (agent.GooglePlaceContext is { Length: > 0 } business)
        {
            prompt.Append("\n\nVerified business facts: ").Append(business);
        }
        return prompt.ToString();
    }

    private static TimeZoneInfo ZoneOf(string? iana)
    {
        if (iana is not null && TZConvert.TryGetTimeZoneInfo(iana, out var zone))
        {
            return zone;
        }
        return TimeZoneInfo.Utc;
    }
}

/// <summary>What is known about a call when it starts.</summary>
public sealed record CallFacts(string CallId, string? CallerNumber, string? CalledNumber, DateTimeOffset Now);

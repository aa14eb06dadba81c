using System.Text.RegularExpressions;

namespace Appliance.Configuration.Validation;

/// <summary>The {{variable}} syntax of prompts and welcome messages.</summary>
public static partial class TemplateText
{
    /// <summary>Variables the box fills in on every call without the agent defining them.</summary>
    public static readonly string[] SystemVariables =
        ["system_time", "system_date", "system_timezone", "caller_number", "called_number", "agent_name", "call_id"];

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex VariableRegex();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex NameRegex();

    public static bool IsVariableName(string name) => NameRegex().IsMatch(name);

    public static bool IsSystemVariable(string name) => Array.IndexOf(SystemVariables, name) >= 0;

    public static IEnumerable<string> VariablesIn(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }
        foreach (Match match in VariableRegex().Matches(text))
        {
            yield return match.Groups[1].Value;
        }
    }

    /// <summary>Replaces each {{name}} with its value; unknown names are left as written.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        VariableRegex().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
}

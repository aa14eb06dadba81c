using System.Text.Json.Nodes;
using Appliance.Service.Hosting;

namespace Appliance.Service.Web;

/// <summary>
/// Where the first-run wizard is: the step to resume at and whether it was finished (then the page
/// no longer opens it by itself). Kept in DATA/setup-wizard.json, beside the database: it is page
/// state, not configuration, so it is not part of a configuration backup.
/// </summary>
internal sealed class SetupWizardState(ApplianceOptions options)
{
    /// <summary>The wizard's steps in order; "done" is the closing page.</summary>
    public static readonly string[] Steps = ["line", "providers", "agent", "number", "done"];

    private readonly Lock _gate = new();

    private string FilePath => Path.Combine(Path.GetFullPath(options.Data), "setup-wizard.json");

    public (string Step, bool Completed) Read()
    {
        lock (_gate)
        {
            try
            {
                if (JsonNode.Parse(File.ReadAllText(FilePath)) is JsonObject saved
                    && saved["step"] is JsonValue step && step.TryGetValue<string>(out var name) && Array.IndexOf(Steps, name) >= 0)
                {
                    return (name, saved["completed"] is JsonValue done && done.TryGetValue<bool>(out var flag) && flag);
                }
            }
            catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException)
            {
                // Missing or damaged: start from the first step, which only offers to add things.
            }
            return (Steps[0], false);
        }
    }

    public void Write(string step, bool completed)
    {
        lock (_gate)
        {
            var json = new JsonObject { ["step"] = step, ["completed"] = completed }.ToJsonString();
            var temp = FilePath + ".tmp";
            File.WriteAllText(temp, json);
            File.Move(temp, FilePath, overwrite: true);
        }
    }
}

namespace Appliance.HilRig.Scenarios;

/// <summary>A HIL scenario: line settings and the steps to run, as loaded from tests/Hil/*.yaml.</summary>
/// <param name="Name">Shown in reports.</param>
/// <param name="Source">File the scenario came from (relative paths in steps resolve against its folder).</param>
/// <param name="Country">Ring cadence country of the line (US, UK, DE).</param>
/// <param name="AnswerAfterRings">Line setting under test.</param>
public sealed record Scenario(string Name, string Source, string Country, int AnswerAfterRings, IReadOnlyList<ScenarioStep> Steps);

/// <summary>One step: its kind (ring, expectOffHook, ...) and its string arguments.</summary>
public sealed record ScenarioStep(string Kind, IReadOnlyDictionary<string, string> Args)
{
    public string? Get(string key) => Args.TryGetValue(key, out var value) ? value : null;

    public int GetInt(string key, int fallback)
    {
        var text = Get(key);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int value) && value >= 0
            ? value
            : throw new FormatException($"step '{Kind}': '{key}' must be a non-negative integer, got '{text}'");
    }

    public override string ToString() =>
        Args.Count == 0 ? Kind : $"{Kind} {string.Join(", ", Args.Select(a => $"{a.Key}={a.Value}"))}";
}

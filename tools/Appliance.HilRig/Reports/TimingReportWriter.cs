using System.Globalization;
using System.Text;

namespace Appliance.HilRig.Reports;

/// <summary>Markdown timing report: every timed step's measured value against its limit.</summary>
public static class TimingReportWriter
{
    public static string Build(IReadOnlyList<ScenarioResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        text.AppendLine("# HIL timing report").AppendLine();
        foreach (var result in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"## {result.Name} ({(result.Passed ? "passed" : "FAILED")})")
                .AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"Source `{result.Source}`, device time {result.DeviceTime.TotalSeconds:0.00} s, wall time {result.WallTime.TotalMilliseconds:0} ms.")
                .AppendLine()
                .AppendLine("| # | step | result | measured ms |")
                .AppendLine("|---|------|--------|-------------|");
            foreach (var step in result.Steps)
            {
                string measured = step.MeasuredMs is { } ms ? ms.ToString("0", CultureInfo.InvariantCulture) : "";
                text.AppendLine(CultureInfo.InvariantCulture, $"| {step.Index} | {step.Step} | {(step.Passed ? "ok" : "FAIL: " + step.Message)} | {measured} |");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    public static void Write(string path, IReadOnlyList<ScenarioResult> results) => File.WriteAllText(path, Build(results));
}

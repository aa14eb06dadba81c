using System.Globalization;
using System.Xml.Linq;

namespace Appliance.HilRig.Reports;

/// <summary>Writes results as JUnit XML (one test case per scenario) for CI test reporting.</summary>
public static class JUnitWriter
{
    public static XDocument Build(IReadOnlyList<ScenarioResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var suite = new XElement("testsuite",
            new XAttribute("name", "hil"),
            new XAttribute("tests", results.Count),
            new XAttribute("failures", results.Count(r => !r.Passed)),
            new XAttribute("time", Seconds(results.Aggregate(TimeSpan.Zero, (t, r) => t + r.WallTime))));
        foreach (var result in results)
        {
            var testCase = new XElement("testcase",
                new XAttribute("classname", "hil." + Path.GetFileNameWithoutExtension(result.Source)),
                new XAttribute("name", result.Name),
                new XAttribute("time", Seconds(result.WallTime)));
            if (result.Failure is { } failure)
            {
                testCase.Add(new XElement("failure",
                    new XAttribute("message", $"step {failure.Index}: {failure.Step}: {failure.Message}"),
                    string.Join('\n', result.Steps.Select(s => $"{(s.Passed ? "ok  " : "FAIL")} {s.Index}. {s.Step} {s.Message}"))));
            }

            testCase.Add(new XElement("system-out", $"device time {Seconds(result.DeviceTime)} s"));
            suite.Add(testCase);
        }

        return new XDocument(new XElement("testsuites", suite));
    }

    public static void Write(string path, IReadOnlyList<ScenarioResult> results) => Build(results).Save(path);

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}

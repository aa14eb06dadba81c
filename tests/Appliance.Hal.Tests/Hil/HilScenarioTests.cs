using Appliance.HilRig.Reports;
using Appliance.HilRig.Scenarios;
using Appliance.HilRig.SelfTest;
using Appliance.Hal.Simulated;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Hal.Tests.Hil;

/// <summary>Runs every scenario in tests/Hil through the HIL rig in-process, against the simulated board.</summary>
public class HilScenarioTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Hil");

    public static TheoryData<string> ScenarioFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Folder).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ScenarioFiles))]
    public void Scenario_passes_on_the_simulated_board(string file)
    {
        var result = ScenarioRunner.Simulated().Run(ScenarioLoader.Load(Path.Combine(Folder, file)));
        Assert.True(result.Passed, TimingReportWriter.Build([result]));
    }

    [Fact]
    public void All_shipped_scenarios_are_found()
    {
        Assert.True(ScenarioFiles().Count >= 8);
    }

    [Fact]
    public void An_unmet_expectation_fails_at_its_step_and_is_reported_in_junit()
    {
        var scenario = ScenarioLoader.Parse("""
            name: too impatient
            country: US
            answerAfterRings: 2
            steps:
              - ring
              - expectOffHook: { withinMs: 3000 }
              - hangUp
            """, "impatient.yaml");
        var result = ScenarioRunner.Simulated().Run(scenario);

        Assert.False(result.Passed);
        Assert.Equal(2, result.Failure!.Index);
        Assert.Equal("still on hook after 3000 ms", result.Failure.Message);
        Assert.Equal(2, result.Steps.Count);
        var junit = JUnitWriter.Build([result]).ToString();
        Assert.Contains("failures=\"1\"", junit, StringComparison.Ordinal);
        Assert.Contains("<failure message=\"step 2: expectOffHook withinMs=3000: still on hook after 3000 ms\"", junit, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_end_reason_fails()
    {
        var scenario = ScenarioLoader.Parse("""
            steps:
              - ring
              - expectOffHook: { withinMs: 20000 }
              - agentHangsUp
              - expectCallEnded: { reason: Silence }
            """, "reason.yaml");
        var result = ScenarioRunner.Simulated().Run(scenario);
        Assert.Equal("ended with LocalHangup, expected Silence", result.Failure?.Message);
    }

    [Theory]
    [InlineData("steps:\n  - dance", "unknown step 'dance'")]
    [InlineData("steps:\n  - wait: { seconds: 3 }", "'wait' has no argument 'seconds'")]
    [InlineData("steps: []", "'steps' must be a non-empty list")]
    [InlineData("answerAfterRings: 99\nsteps:\n  - hangUp", "answerAfterRings must be 1-20")]
    [InlineData("- just a list", "a scenario is one mapping")]
    public void Malformed_scenarios_are_rejected_with_a_clear_message(string yaml, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => ScenarioLoader.Parse(yaml, "bad.yaml"));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Self_test_measures_loopback_latency_and_level()
    {
        var time = new FakeTimeProvider();
        using var board = new SimulatedBoard(time);
        board.Audio.EnableLoopback(TimeSpan.FromMilliseconds(45));
        var report = BoardSelfTest.Run(board, time.Advance);

        Assert.Equal(7, report.LedsWalked.Count);
        Assert.Equal(7, Enum.GetValues<Appliance.Hal.Leds.LedId>().Count(led => board.LedDriver.TimesLit(led, DateTimeOffset.MinValue, DateTimeOffset.MaxValue) == 1));
        Assert.True(report.LoopCurrentOnSeize);
        Assert.Equal(45, report.RoundTripMs!.Value, 0.5);
        Assert.Equal(0, report.LoopbackGainDb!.Value, 0.2);
        Assert.Equal(-15.0, report.LoopbackLevelDbfs!.Value, 0.2); // -12 dBFS peak sine = -15 dBFS RMS
        Assert.True(report.AudioLoopbackPassed);
    }

    [Fact]
    public void Self_test_without_loopback_reports_no_signal()
    {
        var time = new FakeTimeProvider();
        using var board = new SimulatedBoard(time);
        var report = BoardSelfTest.Run(board, time.Advance);
        Assert.Null(report.RoundTripMs);
        Assert.False(report.AudioLoopbackPassed);
    }
}

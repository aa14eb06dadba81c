namespace Appliance.HilRig.Reports;

/// <summary>Outcome of one step; <see cref="MeasuredMs"/> is the timing the step checked (e.g. time to off hook).</summary>
public sealed record StepResult(int Index, string Step, bool Passed, double? MeasuredMs, string? Message);

/// <summary>Outcome of one scenario.</summary>
/// <param name="DeviceTime">Time that passed on the device's clock (simulated or real).</param>
/// <param name="WallTime">Time the run took on the machine running the rig.</param>
public sealed record ScenarioResult(string Name, string Source, IReadOnlyList<StepResult> Steps, TimeSpan DeviceTime, TimeSpan WallTime)
{
    public bool Passed => Steps.All(s => s.Passed);

    public StepResult? Failure => Steps.FirstOrDefault(s => !s.Passed);
}

using System.Diagnostics;
using Appliance.Audio.Tones;
using Appliance.Audio.Wav;
using Appliance.Hal;
using Appliance.Hal.CallerId;
using Appliance.Hal.Leds;
using Appliance.Hal.Simulated;
using Appliance.HilRig.Reports;
using Appliance.HilRig.Targets;

namespace Appliance.HilRig.Scenarios;

/// <summary>
/// Runs a scenario's steps in order against a target; the first failing step ends the scenario.
/// Waiting steps poll the target every 20 ms of device time up to their limit.
/// </summary>
public sealed class ScenarioRunner(Func<Scenario, IRigTarget> createTarget)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    /// <summary>Runs against the in-process simulated board with the tone responder.</summary>
    public static ScenarioRunner Simulated() => new(s => new SimulatedRigTarget(s.Country, s.AnswerAfterRings));

    public ScenarioResult Run(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var wall = Stopwatch.StartNew();
        var results = new List<StepResult>();
        using var target = createTarget(scenario);
        var start = target.Now;
        for (int i = 0; i < scenario.Steps.Count; i++)
        {
            var step = scenario.Steps[i];
            StepResult result;
            try
            {
                var (passed, measured, message) = Execute(target, step, scenario);
                result = new StepResult(i + 1, step.ToString(), passed, measured, message);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or IOException or InvalidDataException)
            {
                result = new StepResult(i + 1, step.ToString(), false, null, ex.Message);
            }

            results.Add(result);
            if (!result.Passed)
            {
                break;
            }
        }

        return new ScenarioResult(scenario.Name, scenario.Source, results, target.Now - start, wall.Elapsed);
    }

    private static (bool Passed, double? MeasuredMs, string? Message) Execute(IRigTarget target, ScenarioStep step, Scenario scenario)
    {
        switch (step.Kind)
        {
            case "ring":
                var callerId = step.Get("callerNumber") is { } number ? new CallerIdInfo(number, step.Get("callerName")) : null;
                target.Ring(callerId, ParseSignal(step.Get("callerId") ?? "none"), step.GetInt("maxRings", 10));
                return (true, null, null);
            case "expectOffHook":
                return WaitFor(target, step.GetInt("withinMs", 10000), () => target.Hook == HookState.OffHook, "still on hook");
            case "expectOnHook":
                return WaitFor(target, step.GetInt("withinMs", 2000), () => target.Hook == HookState.OnHook, "still off hook");
            case "expectIncomingCall":
                var incoming = target.Events.LastOrDefault(e => e.Kind == "incoming");
                if (incoming is null)
                {
                    return (false, null, "no incoming call was reported");
                }

                return Matches(step.Get("callerNumber"), incoming.CallerNumber) && Matches(step.Get("callerName"), incoming.CallerName)
                    ? (true, null, null)
                    : (false, null, $"caller was '{incoming.CallerNumber}' '{incoming.CallerName}'");
            case "expectAgentAudio":
                var since = target.Now;
                var heard = WaitFor(target, step.GetInt("withinMs", 2000), () => target.FirstAgentAudioAfter(since) is not null, "the box played nothing");
                return heard.Passed ? (true, (target.FirstAgentAudioAfter(since)!.Value - since).TotalMilliseconds, null) : heard;
            case "playCallerAudio":
                var samples = CallerAudio(step, scenario, target.SampleRate);
                target.PlayCallerAudio(samples);
                target.Advance(TimeSpan.FromSeconds((double)samples.Length / target.SampleRate));
                return (true, null, null);
            case "expectLed":
                var led = Enum.Parse<LedId>(step.Get("led") ?? "", ignoreCase: true);
                var expected = Enum.Parse<LedPattern>(step.Get("pattern") ?? "", ignoreCase: true);
                var actual = target.Led(led);
                return actual == expected ? (true, null, null) : (false, null, $"LED {led} is {actual}, expected {expected}");
            case "wait":
                target.Advance(TimeSpan.FromMilliseconds(step.GetInt("ms", 0)));
                return (true, null, null);
            case "hangUp" when step.Get("tone") is { } tone:
                // The far end leaves but the exchange keeps the loop and plays busy/reorder instead.
                target.CallerHangsUpWithTone(tone switch
                {
                    "busy" => CallProgressTone.Busy,
                    "reorder" => CallProgressTone.Reorder,
                    _ => throw new FormatException($"hangUp tone must be busy or reorder, got '{tone}'"),
                });
                return (true, null, null);
            case "hangUp":
                target.CallerHangsUp();
                return (true, null, null);
            case "agentHangsUp":
                target.AgentHangsUp();
                return (true, null, null);
            case "flash":
                target.Flash();
                return (true, null, null);
            case "fault":
                target.InjectFault(step.Get("kind") ?? "");
                return (true, null, null);
            case "expectCallEnded":
                var reason = step.Get("reason");
                var ended = WaitFor(target, step.GetInt("withinMs", 2000), () => target.Events.Any(e => e.Kind == "ended"), "the call did not end");
                if (!ended.Passed)
                {
                    return ended;
                }

                var actualReason = target.Events.Last(e => e.Kind == "ended").Reason;
                return reason is null || string.Equals(reason, actualReason, StringComparison.OrdinalIgnoreCase)
                    ? ended
                    : (false, ended.MeasuredMs, $"ended with {actualReason}, expected {reason}");
            default:
                throw new FormatException($"unknown step '{step.Kind}'");
        }
    }

    private static (bool Passed, double? MeasuredMs, string? Message) WaitFor(IRigTarget target, int withinMs, Func<bool> condition, string failure)
    {
        var start = target.Now;
        var limit = TimeSpan.FromMilliseconds(withinMs);
        while (!condition())
        {
            if (target.Now - start >= limit)
            {
                return (false, withinMs, $"{failure} after {withinMs} ms");
            }

            target.Advance(Poll);
        }

        return (true, (target.Now - start).TotalMilliseconds, null);
    }

    private static bool Matches(string? expected, string? actual) => expected is null || expected == actual;

    private static CallerIdSignal ParseSignal(string text) =>
        Enum.TryParse<CallerIdSignal>(text, ignoreCase: true, out var signal)
            ? signal
            : throw new FormatException($"callerId must be none, bell202, v23 or dtmf, got '{text}'");

    private static short[] CallerAudio(ScenarioStep step, Scenario scenario, int sampleRate)
    {
        if (step.Get("wav") is { } wav)
        {
            var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(scenario.Source)) ?? ".", wav);
            var samples = WavFile.Read(path, out int rate);
            return rate == sampleRate ? samples : throw new InvalidDataException($"'{wav}' is {rate} Hz, the line runs at {sampleRate} Hz");
        }

        int hz = step.GetInt("toneHz", 0);
        int ms = step.GetInt("ms", 0);
        if (hz is <= 0 or > 4000 || ms is <= 0 or > 60000)
        {
            throw new FormatException("playCallerAudio needs wav, or toneHz (1-4000) and ms (1-60000)");
        }

        var tone = new short[sampleRate * ms / 1000];
        for (int i = 0; i < tone.Length; i++)
        {
            tone[i] = (short)(5000 * Math.Sin(2 * Math.PI * hz * i / sampleRate));
        }

        return tone;
    }
}

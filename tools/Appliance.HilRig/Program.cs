using System.Globalization;
using Appliance.Hal;
using Appliance.Hal.Board;
using Appliance.Hal.Linux;
using Appliance.Hal.Simulated;
using Appliance.HilRig.Reports;
using Appliance.HilRig.Scenarios;
using Appliance.HilRig.SelfTest;
using Appliance.HilRig.Targets;
using Microsoft.Extensions.Time.Testing;

const string Usage = """
    Appliance.HilRig run <scenario.yaml|scenario.json|folder>... [--junit results.xml] [--timing timing.md]
                         [--target http://127.0.0.1:8080 --api-key KEY]
        Runs HIL scenarios against the simulated board in-process, or with --target against a running
        box on the simulated board through its test-mode API; exit code 1 when any fails.
    Appliance.HilRig self-test [--board <board-profile.json>]
        LED walk, relay click and audio loopback on the simulated board, or on real hardware
        when a board profile is given (loop the line output back to the input first).
    """;

try
{
    return args switch
    {
        ["run", .. var rest] => Run(rest),
        ["self-test", .. var rest] => SelfTest(rest),
        _ => Fail(Usage),
    };
}
catch (Exception ex) when (ex is FormatException or IOException or BoardProfileException or ArgumentException)
{
    return Fail(ex.Message);
}

static int Run(string[] args)
{
    var files = new List<string>();
    string? junit = null;
    string? timing = null;
    Uri? target = null;
    string? apiKey = null;
    for (int i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--junit" when i + 1 < args.Length:
                junit = args[++i];
                break;
            case "--timing" when i + 1 < args.Length:
                timing = args[++i];
                break;
            case "--target" when i + 1 < args.Length:
                if (!Uri.TryCreate(args[++i], UriKind.Absolute, out target) || target.Scheme is not ("http" or "https"))
                {
                    return Fail($"--target must be an http(s) URL, got '{args[i]}'");
                }
                break;
            case "--api-key" when i + 1 < args.Length:
                apiKey = args[++i];
                break;
            case var path when Directory.Exists(path):
                files.AddRange(Directory.EnumerateFiles(path).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
                break;
            case var path when File.Exists(path):
                files.Add(path);
                break;
            default:
                return Fail($"no such scenario file or folder, or missing option value: '{args[i]}'\n{Usage}");
        }
    }

    if (files.Count == 0)
    {
        return Fail("no scenarios given\n" + Usage);
    }

    if (target is not null && string.IsNullOrEmpty(apiKey))
    {
        return Fail("--target needs --api-key (the box's test-mode API is authenticated)");
    }

    var runner = target is null
        ? ScenarioRunner.Simulated()
        : new ScenarioRunner(s => new HttpRigTarget(HttpRigTarget.Client(target, apiKey!), s.Country, s.AnswerAfterRings));
    var results = files.Select(f => runner.Run(ScenarioLoader.Load(f))).ToList();
    foreach (var result in results)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(result.Passed ? "PASS" : "FAIL")} {result.Name} ({result.DeviceTime.TotalSeconds:0.0} s device, {result.WallTime.TotalMilliseconds:0} ms wall)"));
        if (result.Failure is { } failure)
        {
            Console.WriteLine($"     step {failure.Index} {failure.Step}: {failure.Message}");
        }
    }

    if (junit is not null)
    {
        JUnitWriter.Write(junit, results);
    }

    if (timing is not null)
    {
        TimingReportWriter.Write(timing, results);
    }

    return results.All(r => r.Passed) ? 0 : 1;
}

static int SelfTest(string[] args)
{
    SelfTestReport report;
    if (args is ["--board", var profilePath])
    {
        var profile = BoardProfileLoader.LoadFile(profilePath);
        using var board = LinuxBoard.Open(profile, TimeProvider.System);
        report = BoardSelfTest.Run(board, Thread.Sleep);
    }
    else if (args.Length == 0)
    {
        var time = new FakeTimeProvider();
        using var board = new SimulatedBoard(time);
        board.Audio.EnableLoopback(TimeSpan.FromMilliseconds(30));
        report = BoardSelfTest.Run(board, time.Advance);
    }
    else
    {
        return Fail(Usage);
    }

    Console.WriteLine($"LED walk: {string.Join(", ", report.LedsWalked)}");
    Console.WriteLine($"Relay click: loop current while seized: {(report.LoopCurrentOnSeize ? "yes" : "no")}");
    Console.WriteLine(report.LoopbackLevelDbfs is { } level
        ? string.Create(CultureInfo.InvariantCulture, $"Audio loopback: level {level:0.0} dBFS, gain {report.LoopbackGainDb:0.0} dB, round trip {report.RoundTripMs:0.0} ms, xruns {report.Xruns}")
        : "Audio loopback: no signal came back (is the loopback plug fitted?)");
    return report.AudioLoopbackPassed ? 0 : 1;
}

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}

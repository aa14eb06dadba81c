using System.Globalization;
using Appliance.ServiceBench;

// Process-level benchmark: the Native AOT binary against the same build on the JIT. Cold starts of
// the two alternate, so a busy machine slows both alike; then each serves the same request series.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

TargetResult[] results = [new(BenchTarget.Aot(options.AotBinary)), new(BenchTarget.Jit(options.JitAssembly))];
var dataDirectories = new Dictionary<TargetResult, string>();
try
{
    foreach (var result in results)
    {
        // Each target's first start creates its database and first key; that start is not measured.
        dataDirectories[result] = Directory.CreateTempSubdirectory("appliance-bench-").FullName;
        await using var first = await RunningService.StartAsync(result.Target, dataDirectories[result]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Target.Name}: first start on an empty data folder {first.StartTime.TotalMilliseconds:0} ms"));
    }

    for (var run = 0; run < options.Starts; run++)
    {
        foreach (var result in results)
        {
            await using var service = await RunningService.StartAsync(result.Target, dataDirectories[result]);
            result.StartMs.Add(service.StartTime.TotalMilliseconds);
            await Task.Delay(options.Settle);
            result.IdleRssMiB.Add(service.ResidentKilobytes() / 1024.0);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"start {run + 1}/{options.Starts}: AOT {results[0].StartMs[^1]:0} ms, JIT {results[1].StartMs[^1]:0} ms"));
    }

    foreach (var result in results)
    {
        await using var service = await RunningService.StartAsync(result.Target, dataDirectories[result]);
        var key = (await File.ReadAllTextAsync(Path.Combine(dataDirectories[result], "initial-api-key.txt"))).Trim();
        (result.UpsertMs, result.GetMs) = await LatencyProbe.MeasureAsync(service.Client, key, options.Warmup, options.Requests);
        result.PeakRssAfterLoadMiB = service.PeakResidentKilobytes() / 1024.0;
        Console.WriteLine($"{result.Target.Name}: {options.Requests} upserts and {options.Requests} GETs done");
    }
}
finally
{
    foreach (var dir in dataDirectories.Values)
    {
        Directory.Delete(dir, recursive: true);
    }
}

ResultTable.Print(Console.Out, results[0], results[1], options);
return 0;

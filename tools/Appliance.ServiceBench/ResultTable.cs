using System.Globalization;

namespace Appliance.ServiceBench;

/// <summary>Prints the AOT and JIT figures side by side with their ratio (AOT/JIT; below 1 means AOT is smaller or faster).</summary>
internal static class ResultTable
{
    public static void Print(TextWriter output, TargetResult aot, TargetResult jit, BenchOptions options)
    {
        output.WriteLine();
        output.WriteLine($"{"metric",-54}{"AOT",12}{"JIT",12}{"AOT/JIT",10}");
        Row(output, $"cold start to first /healthz 200, median of {options.Starts} (ms)", Samples.Median(aot.StartMs), Samples.Median(jit.StartMs));
        Row(output, "cold start, slowest run (ms)", aot.StartMs.Max(), jit.StartMs.Max());
        Row(output, $"idle RSS {options.Settle.TotalSeconds:0.#} s after start, median (MiB)", Samples.Median(aot.IdleRssMiB), Samples.Median(jit.IdleRssMiB));
        Row(output, $"upsert p50 over {options.Requests} (ms)", Samples.Percentile(aot.UpsertMs, 50), Samples.Percentile(jit.UpsertMs, 50));
        Row(output, $"upsert p95 over {options.Requests} (ms)", Samples.Percentile(aot.UpsertMs, 95), Samples.Percentile(jit.UpsertMs, 95));
        Row(output, $"GET agent p50 over {options.Requests} (ms)", Samples.Percentile(aot.GetMs, 50), Samples.Percentile(jit.GetMs, 50));
        Row(output, $"GET agent p95 over {options.Requests} (ms)", Samples.Percentile(aot.GetMs, 95), Samples.Percentile(jit.GetMs, 95));
        Row(output, "peak RSS after the requests (MiB)", aot.PeakRssAfterLoadMiB, jit.PeakRssAfterLoadMiB);
        Row(output, "shipped size: binary / app folder (MiB)", aot.Target.ArtifactBytes / 1048576.0, jit.Target.ArtifactBytes / 1048576.0);
        output.WriteLine("(the JIT app folder holds OnnxRuntime for every OS and excludes the shared .NET runtime it needs)");
    }

    private static void Row(TextWriter output, string metric, double aot, double jit) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{metric,-54}{aot,12:0.00}{jit,12:0.00}{aot / jit,10:0.00}"));
}

using System.Globalization;

namespace Appliance.ServiceBench;

/// <summary>Command line: which binaries to compare and how many samples to take.</summary>
internal sealed class BenchOptions
{
    public string AotBinary { get; private set; } = "artifacts/linux-x64/appliance";

    public string JitAssembly { get; private set; } = "artifacts/jit/appliance.dll";

    /// <summary>Cold starts per target; the median is reported.</summary>
    public int Starts { get; private set; } = 7;

    /// <summary>Measured requests per operation, after <see cref="Warmup"/> unmeasured ones.</summary>
    public int Requests { get; private set; } = 500;

    public int Warmup { get; private set; } = 50;

    /// <summary>How long a started service is left alone before its idle RSS is read.</summary>
    public TimeSpan Settle { get; private set; } = TimeSpan.FromSeconds(1);

    public const string Usage =
        "usage: Appliance.ServiceBench [--aot artifacts/linux-x64/appliance] [--jit artifacts/jit/appliance.dll] " +
        "[--starts 7] [--requests 500] [--warmup 50] [--settle-ms 1000]";

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--aot": options.AotBinary = value; break;
                case "--jit": options.JitAssembly = value; break;
                case "--starts": options.Starts = Positive(args[i], value); break;
                case "--requests": options.Requests = Positive(args[i], value); break;
                case "--warmup": options.Warmup = Positive(args[i], value); break;
                case "--settle-ms": options.Settle = TimeSpan.FromMilliseconds(Positive(args[i], value)); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} needs a positive whole number, not '{value}'");
}

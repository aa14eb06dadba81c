using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Appliance.Benchmarks.AudioC;

/// <summary>
/// ShortRun in this process: no generated project to build, which on the shared 2-core machine often
/// hit BenchmarkDotNet's build timeout. Use without --inProcess (that would add a second job).
/// </summary>
public sealed class InProcessShortRunConfig : ManualConfig
{
    public InProcessShortRunConfig()
    {
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }
}

using Xunit.Abstractions;

namespace Appliance.Audio.Tests.Chain;

/// <summary>
/// The whole per-call chain allocates nothing per 20 ms frame in steady state: 500 frames after
/// a warm-up that fills every buffer (WSOLA, prebuffer, turn detector, mixer loops).
/// </summary>
public class CallChainAllocationTests(ITestOutputHelper output)
{
    private const int WarmUpFrames = 600;
    private const int MeasuredFrames = 500;

    [Fact]
    public void Chain_with_the_energy_vad_allocates_nothing_per_frame()
    {
        using var chain = new CallChain(useSilero: false);
        long bytes = Measure(chain);
        output.WriteLine($"energy VAD chain: {bytes} bytes over {MeasuredFrames} frames, {chain.TurnEvents} turn events");
        Assert.True(chain.TurnEvents > 0, "the turn detector never saw the caller's speech");
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Chain_with_silero_allocates_nothing_per_frame()
    {
        using var chain = new CallChain(useSilero: true);
        if (!chain.UsesSilero)
        {
            output.WriteLine("silero_vad_v5.onnx not in .models/ (tools/fetch-models.sh): measured with the energy VAD");
        }
        long bytes = Measure(chain);
        output.WriteLine($"{(chain.UsesSilero ? "Silero" : "energy")} VAD chain: {bytes} bytes over {MeasuredFrames} frames");
        Assert.Equal(0, bytes);
    }

    private static long Measure(CallChain chain)
    {
        for (int i = 0; i < WarmUpFrames; i++)
        {
            chain.Tick();
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < MeasuredFrames; i++)
        {
            chain.Tick();
        }
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}

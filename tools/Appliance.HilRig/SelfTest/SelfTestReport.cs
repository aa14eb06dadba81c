namespace Appliance.HilRig.SelfTest;

/// <summary>What a board self-test found.</summary>
/// <param name="LedsWalked">LEDs lit in turn (the technician confirms by eye).</param>
/// <param name="LoopCurrentOnSeize">Whether loop current flowed while the relay was closed (a line or loop simulator is attached).</param>
/// <param name="LoopbackLevelDbfs">RMS level of the looped-back tone, dBFS (null when nothing came back).</param>
/// <param name="LoopbackGainDb">Received minus sent level.</param>
/// <param name="RoundTripMs">Audio round-trip latency, from sent tone onset to received onset.</param>
public sealed record SelfTestReport(
    IReadOnlyList<string> LedsWalked,
    bool LoopCurrentOnSeize,
    double? LoopbackLevelDbfs,
    double? LoopbackGainDb,
    double? RoundTripMs,
    long Xruns)
{
    public bool AudioLoopbackPassed => LoopbackGainDb is > -20 and < 6;
}

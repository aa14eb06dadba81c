namespace Appliance.Audio.Denoise;

/// <summary>
/// Tuning of the spectral engine per mode, chosen by measurement on the issue 5 test set (espeak-ng
/// speech + 5 dB white noise or babble, 8 kHz; figures in docs/audio.md, Denoise).
/// </summary>
/// <param name="GainFloorDb">Lowest gain of any bin (what pauses are attenuated to).</param>
/// <param name="OverSubtraction">Multiplier on the noise estimate.</param>
/// <param name="DecisionDirectedAlpha">Weight of last frame's clean estimate in the a priori SNR;
/// 0.98 (the textbook value for 8-16 ms hops) lagged speech onsets by several dB at a 20 ms hop.</param>
/// <param name="GateClosedDb">Level margin over the background below which a frame goes to the floor.</param>
/// <param name="GateOpenDb">Margin above which the frame passes ungated.</param>
/// <param name="TalkerRangeDb">Frames further than this below the caller's loud level are background
/// talkers and go to the floor (infinite: off).</param>
internal sealed record DenoiseSettings(
    float GainFloorDb,
    float OverSubtraction,
    float DecisionDirectedAlpha,
    float GateClosedDb,
    float GateOpenDb,
    float TalkerRangeDb)
{
    public static DenoiseSettings For(DenoisingMode mode) => mode switch
    {
        // Narrow gate: a noise gate for pauses.
        DenoisingMode.NoiseCancellation => new(GainFloorDb: -30f, OverSubtraction: 0.7f, DecisionDirectedAlpha: 0.95f, GateClosedDb: 2f, GateOpenDb: 6f, TalkerRangeDb: float.PositiveInfinity),
        // Talker gate: frames more than 4 dB under the caller's loud level are babble or distant
        // talkers; a 3..6 dB noise gate above the babble level. Measured against the older 7..12 dB
        // background-only gate: babble +1.39 vs +0.95 dB, pauses -11.5 vs -10.6 dB, speech -0.38 vs -1.36 dB.
        DenoisingMode.NoiseAndBackgroundSpeechCancellation => new(GainFloorDb: -30f, OverSubtraction: 1f, DecisionDirectedAlpha: 0.9f, GateClosedDb: 3f, GateOpenDb: 6f, TalkerRangeDb: 4f),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "No spectral settings for this mode."),
    };
}

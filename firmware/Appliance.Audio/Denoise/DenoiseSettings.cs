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
internal sealed record DenoiseSettings(
    float GainFloorDb,
    float OverSubtraction,
    float DecisionDirectedAlpha,
    float GateClosedDb,
    float GateOpenDb)
{
    public static DenoiseSettings For(DenoisingMode mode) => mode switch
    {
        // Narrow gate: a noise gate for pauses.
        DenoisingMode.NoiseCancellation => new(GainFloorDb: -30f, OverSubtraction: 0.7f, DecisionDirectedAlpha: 0.95f, GateClosedDb: 2f, GateOpenDb: 6f),
        // Wide gate: frames that do not rise 7..12 dB above the babble level are background talkers.
        DenoisingMode.NoiseAndBackgroundSpeechCancellation => new(GainFloorDb: -30f, OverSubtraction: 1f, DecisionDirectedAlpha: 0.9f, GateClosedDb: 7f, GateOpenDb: 12f),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "No spectral settings for this mode."),
    };
}

using Appliance.Audio.Models;

namespace Appliance.Audio.Vad;

/// <summary>
/// Chooses the VAD classifier for a call: Silero when its model was found and loads, otherwise
/// the energy VAD. <see cref="UsingFallback"/> and <see cref="FallbackReason"/> tell the host what
/// to log and report in health checks. Holds the shared Silero session; dispose at shutdown.
/// </summary>
public sealed class VadClassifierFactory : IDisposable
{
    private readonly SileroVadModel? _model;

    public VadClassifierFactory(ModelLocator locator)
    {
        ArgumentNullException.ThrowIfNull(locator);
        string? path = locator.Find(ModelFiles.SileroVadV5);
        if (path is null)
        {
            FallbackReason = $"{ModelFiles.SileroVadV5} not found (set {ModelLocator.EnvironmentVariable} or run tools/fetch-models.sh); using the energy VAD.";
            return;
        }
        try
        {
            _model = new SileroVadModel(path);
            ModelPath = path;
        }
        catch (Exception e) when (e is Microsoft.ML.OnnxRuntime.OnnxRuntimeException or InvalidDataException or IOException or DllNotFoundException or TypeInitializationException)
        {
            FallbackReason = $"{ModelFiles.SileroVadV5} could not be loaded ({e.GetType().Name}: {e.Message}); using the energy VAD.";
        }
    }

    public bool UsingFallback => _model is null;

    public string? FallbackReason { get; }

    public string? ModelPath { get; }

    public IVoiceActivityClassifier Create(int sampleRate) =>
        _model is null ? new EnergyVad(sampleRate) : new SileroVad(_model, sampleRate);

    /// <summary>
    /// For calls in <c>noise-and-background-speech-cancellation</c> mode: the same classifier behind a
    /// <see cref="TalkerGatedVad"/>, which rejects talkers quieter than the caller. Feed it the frame
    /// before the denoiser (the gate needs the background level the denoiser removes).
    /// </summary>
    public IVoiceActivityClassifier CreateForBackgroundTalkers(int sampleRate) => new TalkerGatedVad(Create(sampleRate));

    public void Dispose() => _model?.Dispose();
}

namespace Appliance.Audio.Denoise;

/// <summary>The denoising modes of an agent (seed 001 <c>denoisingMode</c>).</summary>
public enum DenoisingMode
{
    /// <summary><c>off</c>: frames pass unchanged.</summary>
    Off,

    /// <summary><c>noise-cancellation</c>: stationary and slowly varying noise.</summary>
    NoiseCancellation,

    /// <summary><c>noise-and-background-speech-cancellation</c>: also babble and distant talkers.</summary>
    NoiseAndBackgroundSpeechCancellation,
}

namespace Appliance.Audio.Denoise;

/// <summary>Mode <c>off</c>: frames pass unchanged and without delay.</summary>
internal sealed class PassThroughDenoiser(int sampleRate) : Denoiser(DenoisingMode.Off, sampleRate)
{
    public override int LatencySamples => 0;

    public override void Reset()
    {
    }

    private protected override void ProcessFrame(Span<short> frame)
    {
    }
}

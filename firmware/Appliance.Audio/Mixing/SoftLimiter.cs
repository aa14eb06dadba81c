namespace Appliance.Audio.Mixing;

/// <summary>
/// Memoryless soft limiter: linear below <see cref="Knee"/> of full scale, then a tanh curve that
/// approaches but never reaches full scale, so a loud mix bends instead of clipping.
/// </summary>
public static class SoftLimiter
{
    /// <summary>Level (fraction of full scale) where limiting starts.</summary>
    public const float Knee = 0.8f;

    /// <summary>Limits <paramref name="mix"/> (in 16-bit units) into <paramref name="output"/>.</summary>
    public static void Apply(ReadOnlySpan<float> mix, Span<short> output)
    {
        const float fullScale = 32767f;
        const float knee = Knee * fullScale;
        const float range = fullScale - knee - 1; // stays a sample below the rail
        for (int i = 0; i < mix.Length; i++)
        {
            float v = mix[i];
            float magnitude = MathF.Abs(v);
            if (magnitude > knee)
            {
                magnitude = knee + range * MathF.Tanh((magnitude - knee) / range);
                v = MathF.CopySign(magnitude, v);
            }
            output[i] = (short)MathF.Round(v);
        }
    }
}

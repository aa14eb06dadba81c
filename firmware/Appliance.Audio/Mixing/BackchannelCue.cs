namespace Appliance.Audio.Mixing;

/// <summary>
/// The "mm-hm" backchannel cue: two voiced hums (180 ms, 80 ms gap, 220 ms with a slight rise in pitch),
/// each a glottal pulse train around 115-135 Hz through a nasal formant, with soft attack and release,
/// at -20 dBFS RMS. Not a loop: the mixer plays it once.
/// </summary>
internal static class BackchannelCue
{
    private const double FirstMs = 180, GapMs = 80, SecondMs = 220;
    private const double AttackMs = 25, ReleaseMs = 45;
    private const double NasalFormantHz = 260, NasalBandwidthHz = 90;

    public static short[] Generate(int sampleRate, Random rng)
    {
        int first = Samples(FirstMs, sampleRate), gap = Samples(GapMs, sampleRate), second = Samples(SecondMs, sampleRate);
        var x = new double[first + gap + second];
        // The seed varies the speaker slightly (pitch within ±3 Hz, a breath of noise), as the beds do.
        double pitch = 115 + 6 * (rng.NextDouble() - 0.5);
        AddHum(x.AsSpan(0, first), sampleRate, pitch, pitch + 3, rng);
        AddHum(x.AsSpan(first + gap, second), sampleRate, pitch + 2, pitch + 18, rng);
        return ProceduralSounds.Normalise(x, -20);
    }

    private static int Samples(double ms, int sampleRate) => (int)(ms * sampleRate / 1000);

    // Glottal source as a band-limited harmonic sum falling 12 dB per octave (a smooth pulse train, no
    // aliasing at 8 kHz), pitch gliding from f0Start to f0End, then a two-pole resonator at the nasal
    // murmur's formant, so the energy sits below 1 kHz like a hummed "m".
    private static void AddHum(Span<double> x, int rate, double f0Start, double f0End, Random rng)
    {
        int attack = Samples(AttackMs, rate), release = Samples(ReleaseMs, rate);
        double r = Math.Exp(-Math.PI * NasalBandwidthHz / rate), w = 2 * Math.PI * NasalFormantHz / rate;
        double a1 = 2 * r * Math.Cos(w), a2 = -r * r;
        double phase = 0, y1 = 0, y2 = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double progress = (double)i / x.Length;
            double f0 = f0Start + (f0End - f0Start) * progress;
            phase += 2 * Math.PI * f0 / rate;
            double source = 0;
            for (int k = 1; k * f0 < rate * 0.45; k++)
            {
                source += Math.Sin(k * phase) / (k * k);
            }
            source += 0.01 * ProceduralSounds.Gaussian(rng);
            double y = source + a1 * y1 + a2 * y2;
            y2 = y1;
            y1 = y;
            x[i] += y * Envelope(i, x.Length, attack, release);
        }
    }

    // Raised-cosine fade in and out, so neither hum starts or stops with a click.
    private static double Envelope(int i, int length, int attack, int release)
    {
        if (i < attack)
        {
            return 0.5 - 0.5 * Math.Cos(Math.PI * i / attack);
        }
        int left = length - 1 - i;
        return left < release ? 0.5 - 0.5 * Math.Cos(Math.PI * left / release) : 1;
    }
}

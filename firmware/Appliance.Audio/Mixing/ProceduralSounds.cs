namespace Appliance.Audio.Mixing;

/// <summary>
/// Generates the ambient beds, thinking sounds and hold music from seeded noise and oscillators
/// (nothing is downloaded or recorded). Output is normalised (beds -12, typing -20, music -14 dBFS RMS) and
/// made loopable by cross-fading the tail into the head.
/// </summary>
internal static class ProceduralSounds
{
    public static short[] Generate(SoundId id, int sampleRate, int seed)
    {
        var rng = new Random(seed * 31 + (int)id);
        if (id == SoundId.Backchannel)
        {
            return BackchannelCue.Generate(sampleRate, rng);
        }
        int seconds = id is SoundId.KeyboardTyping or SoundId.KeyboardTyping2 ? 4 : 8;
        int fade = sampleRate / 4;
        var x = new double[seconds * sampleRate + fade];
        switch (id)
        {
            case SoundId.Office:
                AddRoomNoise(x, rng, 0.6);
                AddMurmur(x, rng, sampleRate, talkers: 3, level: 0.5);
                AddBeeps(x, rng, sampleRate, 1400, perSecond: 0.3, level: 0.15);
                break;
            case SoundId.CallCenter:
                AddRoomNoise(x, rng, 0.3);
                AddMurmur(x, rng, sampleRate, talkers: 10, level: 1.0);
                break;
            case SoundId.CoffeeShop:
                AddRoomNoise(x, rng, 0.4);
                AddMurmur(x, rng, sampleRate, talkers: 6, level: 0.8);
                AddBeeps(x, rng, sampleRate, 3100, perSecond: 1.5, level: 0.25); // clinks
                break;
            case SoundId.Outdoor:
                AddWind(x, rng, sampleRate);
                AddChirps(x, rng, sampleRate);
                break;
            case SoundId.KeyboardTyping:
                AddClicks(x, rng, sampleRate, perSecond: 7, brightness: 0.5);
                break;
            case SoundId.KeyboardTyping2:
                AddClicks(x, rng, sampleRate, perSecond: 12, brightness: 0.85);
                break;
            case SoundId.HoldMusic:
                AddTune(x, sampleRate);
                break;
        }
        double rmsDbfs = id switch
        {
            SoundId.HoldMusic => -14,
            SoundId.KeyboardTyping or SoundId.KeyboardTyping2 => -20,
            _ => -12, // beds are scaled down by background_noise_level (at most 0.25, i.e. -24 dBFS)
        };
        return Loop(x, fade, rmsDbfs);
    }

    /// <summary>Scales <paramref name="x"/> to <paramref name="rmsDbfs"/> RMS as 16-bit samples.</summary>
    internal static short[] Normalise(ReadOnlySpan<double> x, double rmsDbfs)
    {
        double power = 0;
        foreach (double v in x)
        {
            power += v * v;
        }
        double gain = 32767 * Math.Pow(10, rmsDbfs / 20) / Math.Sqrt(power / x.Length + 1e-12);
        var result = new short[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            result[i] = (short)Math.Clamp(Math.Round(x[i] * gain), short.MinValue, short.MaxValue);
        }
        return result;
    }

    // One-pole-filtered white noise: a soft, dark room tone.
    private static void AddRoomNoise(double[] x, Random rng, double level)
    {
        double state = 0;
        for (int i = 0; i < x.Length; i++)
        {
            state = 0.95 * state + 0.05 * Gaussian(rng);
            x[i] += level * 4 * state;
        }
    }

    // Talkers as band-passed noise with syllable-rate (3-6 Hz) amplitude and formant-like resonance.
    private static void AddMurmur(double[] x, Random rng, int rate, int talkers, double level)
    {
        for (int t = 0; t < talkers; t++)
        {
            double syllable = 3 + 3 * rng.NextDouble();
            double phase = rng.NextDouble() * 2 * Math.PI;
            double formant = 500 + 1000 * rng.NextDouble();
            double r = 0.97, w = 2 * Math.PI * formant / rate;
            double y1 = 0, y2 = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double envelope = Math.Max(0, Math.Sin(2 * Math.PI * syllable * i / rate + phase + 0.8 * Math.Sin(2 * Math.PI * 0.3 * i / rate)));
                double y = Gaussian(rng) * 0.05 + 2 * r * Math.Cos(w) * y1 - r * r * y2; // two-pole resonator
                y2 = y1;
                y1 = y;
                x[i] += level * envelope * y / Math.Sqrt(talkers);
            }
        }
    }

    // Short decaying sines: phone beeps (office) or cup clinks (coffee shop).
    private static void AddBeeps(double[] x, Random rng, int rate, double frequency, double perSecond, double level)
    {
        int count = (int)(perSecond * x.Length / rate);
        for (int k = 0; k < count; k++)
        {
            int start = rng.Next(x.Length);
            double f = Math.Min(frequency * (0.9 + 0.2 * rng.NextDouble()), rate * 0.45);
            for (int i = 0; i < rate / 10 && start + i < x.Length; i++)
            {
                x[start + i] += level * Math.Exp(-30.0 * i / rate) * Math.Sin(2 * Math.PI * f * i / rate);
            }
        }
    }

    private static void AddWind(double[] x, Random rng, int rate)
    {
        double state = 0;
        for (int i = 0; i < x.Length; i++)
        {
            state = 0.99 * state + 0.01 * Gaussian(rng); // brown-ish
            double gust = 0.6 + 0.4 * Math.Sin(2 * Math.PI * 0.15 * i / rate) * Math.Sin(2 * Math.PI * 0.07 * i / rate + 1);
            x[i] += 10 * gust * state;
        }
    }

    private static void AddChirps(double[] x, Random rng, int rate)
    {
        int count = x.Length / rate;
        for (int k = 0; k < count; k++)
        {
            int start = rng.Next(x.Length);
            double f0 = Math.Min(2500 + 1000 * rng.NextDouble(), rate * 0.4);
            int length = rate / 12;
            double phase = 0;
            for (int i = 0; i < length && start + i < x.Length; i++)
            {
                phase += 2 * Math.PI * f0 * (1 + 0.2 * Math.Sin(Math.PI * i / length)) / rate;
                x[start + i] += 0.1 * Math.Sin(Math.PI * i / length) * Math.Sin(phase);
            }
        }
    }

    // Key clicks: a few ms of decaying, high-passed noise with jittered spacing.
    private static void AddClicks(double[] x, Random rng, int rate, double perSecond, double brightness)
    {
        double spacing = rate / perSecond;
        for (double at = rng.NextDouble() * spacing; at < x.Length; at += spacing * (0.4 + 1.2 * rng.NextDouble()))
        {
            double previous = 0;
            double loudness = 0.6 + 0.4 * rng.NextDouble();
            for (int i = 0; i < rate / 100 && (int)at + i < x.Length; i++)
            {
                double n = Gaussian(rng);
                double high = n - brightness * previous; // first difference brightens the click
                previous = n;
                x[(int)at + i] += loudness * Math.Exp(-600.0 * i / rate) * high;
            }
        }
    }

    // A pentatonic tune, 4 notes per second, sine plus two harmonics with a pluck envelope.
    private static void AddTune(double[] x, int rate)
    {
        ReadOnlySpan<int> melody = [0, 2, 4, 7, 9, 7, 4, 2, 0, 4, 7, 12, 9, 7, 4, 2, 0, 2, 4, 2, 0, -3, 0, 0, 4, 7, 9, 12, 9, 7, 4, 0];
        int note = rate / 4;
        for (int i = 0; i < x.Length; i++)
        {
            int index = i / note % melody.Length;
            double f = 440 * Math.Pow(2, (melody[index] - 9) / 12.0); // around C5
            int t = i % note;
            double env = Math.Exp(-5.0 * t / rate) * Math.Min(1, t / (0.005 * rate));
            double w = 2 * Math.PI * f * t / rate;
            x[i] += env * (Math.Sin(w) + 0.3 * Math.Sin(2 * w) + 0.1 * Math.Sin(3 * w));
        }
    }

    // Cross-fades the last `fade` samples into the head (equal power) so the loop point is inaudible,
    // then normalises to `rmsDbfs`.
    private static short[] Loop(double[] x, int fade, double rmsDbfs)
    {
        int length = x.Length - fade;
        var loop = new double[length];
        for (int i = 0; i < length; i++)
        {
            loop[i] = x[i];
        }
        for (int i = 0; i < fade; i++)
        {
            double a = (double)i / fade;
            loop[i] = x[i] * Math.Sin(a * Math.PI / 2) + x[length + i] * Math.Cos(a * Math.PI / 2);
        }
        return Normalise(loop, rmsDbfs);
    }

    internal static double Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * rng.NextDouble());
    }
}

namespace Appliance.Audio.Tones;

/// <summary>
/// One tone of a country's plan: its frequencies (played together) and its cadence as alternating
/// on/off durations in milliseconds, starting with "on" (empty = continuous).
/// </summary>
public sealed class ToneSpec
{
    public ToneSpec(CallProgressTone kind, double[] frequenciesHz, int[] cadenceMs)
    {
        if (kind == CallProgressTone.None)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "A tone must have a kind.");
        }
        if (frequenciesHz.Length is < 1 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(frequenciesHz), frequenciesHz.Length, "A tone has one to three frequencies.");
        }
        foreach (double f in frequenciesHz)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(f, 100, nameof(frequenciesHz));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(f, 3400, nameof(frequenciesHz));
        }
        if (cadenceMs.Length % 2 != 0)
        {
            throw new ArgumentException("A cadence alternates on and off, so it has an even number of entries.", nameof(cadenceMs));
        }
        foreach (int ms in cadenceMs)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(ms, 100, nameof(cadenceMs));
        }
        Kind = kind;
        Frequencies = frequenciesHz;
        Cadence = cadenceMs;
    }

    public CallProgressTone Kind { get; }

    public IReadOnlyList<double> Frequencies { get; }

    /// <summary>On, off, on, off... in milliseconds; empty for a continuous tone.</summary>
    public IReadOnlyList<int> Cadence { get; }

    public bool IsContinuous => Cadence.Count == 0;

    /// <summary>One cadence cycle in milliseconds (0 for a continuous tone).</summary>
    public int CycleMs
    {
        get
        {
            int sum = 0;
            for (int i = 0; i < Cadence.Count; i++)
            {
                sum += Cadence[i];
            }
            return sum;
        }
    }

    public override string ToString() => $"{Kind} {string.Join('+', Frequencies)} Hz {(IsContinuous ? "continuous" : string.Join('/', Cadence) + " ms")}";
}

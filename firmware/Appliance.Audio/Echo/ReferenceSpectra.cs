using Appliance.Audio.Denoise;

namespace Appliance.Audio.Echo;

/// <summary>
/// The spectra of the last K overlap-save windows of the reference (what the box played), newest
/// first, and their power per bin (|X|^2, from which the partitioned filter's step is normalised).
/// </summary>
internal sealed class ReferenceSpectra
{
    private readonly int _bins;
    private readonly float[] _re;
    private readonly float[] _im;
    private readonly float[] _power;
    private int _head;

    public ReferenceSpectra(int partitions, int bins)
    {
        Partitions = partitions;
        _bins = bins;
        _re = new float[partitions * bins];
        _im = new float[partitions * bins];
        _power = new float[partitions * bins];
    }

    public int Partitions { get; }

    /// <summary>Real part of the spectrum <paramref name="age"/> blocks old (0 = newest).</summary>
    public ReadOnlySpan<float> Re(int age) => _re.AsSpan(Slot(age) * _bins, _bins);

    public ReadOnlySpan<float> Im(int age) => _im.AsSpan(Slot(age) * _bins, _bins);

    /// <summary>|X(k)|^2 of the spectrum <paramref name="age"/> blocks old.</summary>
    public ReadOnlySpan<float> Power(int age) => _power.AsSpan(Slot(age) * _bins, _bins);

    /// <summary>Transforms the newest window (two blocks of reference) into the ring, dropping the oldest.</summary>
    public void Push(RealFft fft, ReadOnlySpan<float> window)
    {
        _head = _head + 1 == Partitions ? 0 : _head + 1;
        var re = _re.AsSpan(_head * _bins, _bins);
        var im = _im.AsSpan(_head * _bins, _bins);
        fft.Forward(window, re, im);
        var power = _power.AsSpan(_head * _bins, _bins);
        power.Clear();
        SpectrumMath.AddPower(re, im, power);
    }

    public void Clear()
    {
        Array.Clear(_re);
        Array.Clear(_im);
        Array.Clear(_power);
        _head = 0;
    }

    private int Slot(int age)
    {
        int s = _head - age;
        return s < 0 ? s + Partitions : s;
    }
}

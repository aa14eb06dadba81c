using System.Numerics.Tensors;
using Appliance.Audio.Denoise;

namespace Appliance.Audio.Echo;

/// <summary>
/// An echo-path model as K frequency-domain partitions of B taps each (overlap-save, FFT of 2B):
/// partition p convolves the reference window p blocks old. Filtering is a sum of complex
/// products per bin; adaptation adds a step of conj(X_p) E to every partition, and
/// <see cref="Constrain"/> removes, one partition at a time, the circular-wrap part an
/// unconstrained update leaves (the alternating-update scheme of MDF: the full constraint on all
/// K partitions every block would cost 2K FFTs and measured no better).
/// </summary>
internal sealed class PartitionedFilter
{
    // Half of the step is shared evenly, half in proportion to each partition's norm (IPNLMS's
    // alpha = 0); more proportional measured no faster on the test set's echo paths.
    private const float ProportionateShare = 0.5f;

    private readonly int _bins;
    private readonly float[] _re;
    private readonly float[] _im;
    private readonly float[] _gains;

    public PartitionedFilter(int partitions, int bins)
    {
        Partitions = partitions;
        _bins = bins;
        _re = new float[partitions * bins];
        _im = new float[partitions * bins];
        _gains = new float[partitions];
        Array.Fill(_gains, 1f);
    }

    public int Partitions { get; }

    /// <summary>Y = sum over p of W_p * X_p.</summary>
    public void Filter(ReferenceSpectra x, Span<float> yRe, Span<float> yIm)
    {
        yRe.Clear();
        yIm.Clear();
        for (int p = 0; p < Partitions; p++)
        {
            SpectrumMath.MultiplyAdd(Re(p), Im(p), x.Re(p), x.Im(p), yRe, yIm);
        }
    }

    /// <summary>
    /// Proportionate gains g_p (mean 1) from the partitions' norms, so the few partitions that
    /// hold a line echo (a bulk delay then a short response) learn several times faster than the
    /// empty ones (PNLMS applied per partition). Taps move little within a frame: once a frame.
    /// </summary>
    public void UpdateGains()
    {
        float total = 0f;
        for (int p = 0; p < Partitions; p++)
        {
            _gains[p] = MathF.Sqrt(TensorPrimitives.SumOfSquares(Re(p)) + TensorPrimitives.SumOfSquares(Im(p)));
            total += _gains[p];
        }
        float proportional = ProportionateShare * Partitions / (total + 1e-9f);
        for (int p = 0; p < Partitions; p++)
        {
            _gains[p] = (1f - ProportionateShare) + proportional * _gains[p];
        }
    }

    /// <summary>
    /// One proportionate NLMS step in the frequency domain:
    /// W_p += mu g_p conj(X_p) E / (sum_q g_q |X_q|^2 + delta), per bin. The normaliser weights
    /// each partition's power by its gain: with the plain power sum, a loud onset under a
    /// high-gain partition makes the step many times too large and the filter diverges.
    /// </summary>
    /// <param name="errRe">Error spectrum, real part; scaled in place by the step.</param>
    /// <param name="scratch">Bins floats of workspace.</param>
    public void Adapt(ReferenceSpectra x, Span<float> errRe, Span<float> errIm, float step, float regularisation, Span<float> scratch)
    {
        scratch.Fill(regularisation);
        for (int p = 0; p < Partitions; p++)
        {
            SpectrumMath.ScaledAdd(x.Power(p), _gains[p], scratch);
        }
        for (int k = 0; k < errRe.Length; k++)
        {
            float g = step / scratch[k];
            errRe[k] *= g;
            errIm[k] *= g;
        }
        for (int p = 0; p < Partitions; p++)
        {
            SpectrumMath.ConjugateMultiplyAdd(x.Re(p), x.Im(p), errRe, errIm, Re(p), Im(p), _gains[p]);
        }
    }

    /// <summary>Makes partition <paramref name="p"/> a B-tap filter again (zeroes its last B time samples).</summary>
    public void Constrain(int p, RealFft fft, Span<float> scratch)
    {
        var re = Re(p);
        var im = Im(p);
        fft.Inverse(re, im, scratch);
        scratch[(fft.Size / 2)..].Clear();
        fft.Forward(scratch, re, im);
    }

    public void CopyFrom(PartitionedFilter other)
    {
        Array.Copy(other._re, _re, _re.Length);
        Array.Copy(other._im, _im, _im.Length);
        Array.Copy(other._gains, _gains, _gains.Length);
    }

    public void Clear()
    {
        Array.Clear(_re);
        Array.Clear(_im);
        Array.Fill(_gains, 1f);
    }

    private Span<float> Re(int p) => _re.AsSpan(p * _bins, _bins);

    private Span<float> Im(int p) => _im.AsSpan(p * _bins, _bins);
}

namespace Appliance.Audio.Denoise;

/// <summary>
/// Real-input FFT of a power-of-two size N, computed as a complex FFT of N/2 points on the packed
/// even/odd samples plus one split pass (half the work of a complex FFT on zero imaginary parts).
/// Tables are built once; <see cref="Forward"/> and <see cref="Inverse"/> allocate nothing.
/// Spectra are N/2 + 1 bins with separate real and imaginary arrays.
/// </summary>
internal sealed class RealFft
{
    private readonly int _half;
    private readonly int[] _bitReverse;
    // Twiddles of the N/2-point complex FFT: e^{-2 pi i k / (N/2)}, k < N/4.
    private readonly float[] _cos;
    private readonly float[] _sin;
    // Split twiddles: e^{-2 pi i k / N}, k <= N/2.
    private readonly float[] _splitCos;
    private readonly float[] _splitSin;
    private readonly float[] _zr;
    private readonly float[] _zi;

    public RealFft(int size)
    {
        if (size < 4 || (size & (size - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "FFT size must be a power of two >= 4.");
        }
        Size = size;
        _half = size / 2;
        _bitReverse = new int[_half];
        int bits = System.Numerics.BitOperations.Log2((uint)_half);
        for (int i = 0; i < _half; i++)
        {
            int r = 0;
            for (int b = 0; b < bits; b++)
            {
                r |= ((i >> b) & 1) << (bits - 1 - b);
            }
            _bitReverse[i] = r;
        }
        _cos = new float[Math.Max(1, _half / 2)];
        _sin = new float[_cos.Length];
        for (int k = 0; k < _half / 2; k++)
        {
            _cos[k] = (float)Math.Cos(2 * Math.PI * k / _half);
            _sin[k] = (float)-Math.Sin(2 * Math.PI * k / _half);
        }
        _splitCos = new float[_half + 1];
        _splitSin = new float[_half + 1];
        for (int k = 0; k <= _half; k++)
        {
            _splitCos[k] = (float)Math.Cos(2 * Math.PI * k / size);
            _splitSin[k] = (float)-Math.Sin(2 * Math.PI * k / size);
        }
        _zr = new float[_half];
        _zi = new float[_half];
    }

    public int Size { get; }

    public int Bins => _half + 1;

    /// <summary>Spectrum of <paramref name="input"/> (N samples) into N/2 + 1 bins.</summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> re, Span<float> im)
    {
        for (int n = 0; n < _half; n++)
        {
            int r = _bitReverse[n];
            _zr[r] = input[2 * n];
            _zi[r] = input[2 * n + 1];
        }
        Butterflies(inverse: false);
        // X[k] = E[k] + W^k O[k], E = (Z[k] + conj Z[M-k]) / 2, O = (Z[k] - conj Z[M-k]) / 2i.
        re[0] = _zr[0] + _zi[0];
        im[0] = 0f;
        re[_half] = _zr[0] - _zi[0];
        im[_half] = 0f;
        for (int k = 1; k < _half; k++)
        {
            float ar = _zr[k], ai = _zi[k], br = _zr[_half - k], bi = -_zi[_half - k];
            float er = 0.5f * (ar + br), ei = 0.5f * (ai + bi);
            // (a - b) / 2i = (ai - bi)/2 - i (ar - br)/2
            float or = 0.5f * (ai - bi), oi = -0.5f * (ar - br);
            float wr = _splitCos[k], wi = _splitSin[k];
            re[k] = er + wr * or - wi * oi;
            im[k] = ei + wr * oi + wi * or;
        }
    }

    /// <summary>Inverse of <see cref="Forward"/>: N real samples from N/2 + 1 bins (scaled by 1/N).</summary>
    public void Inverse(ReadOnlySpan<float> re, ReadOnlySpan<float> im, Span<float> output)
    {
        // E = (X[k] + conj X[M-k]) / 2, O = W^-k (X[k] - conj X[M-k]) / 2, Z = E + i O.
        for (int k = 0; k < _half; k++)
        {
            float ar = re[k], ai = im[k], br = re[_half - k], bi = -im[_half - k];
            float er = 0.5f * (ar + br), ei = 0.5f * (ai + bi);
            float dr = 0.5f * (ar - br), di = 0.5f * (ai - bi);
            float wr = _splitCos[k], wi = -_splitSin[k];
            float or = wr * dr - wi * di, oi = wr * di + wi * dr;
            int r = _bitReverse[k];
            _zr[r] = er - oi;
            _zi[r] = ei + or;
        }
        Butterflies(inverse: true);
        float scale = 1f / _half;
        for (int n = 0; n < _half; n++)
        {
            output[2 * n] = _zr[n] * scale;
            output[2 * n + 1] = _zi[n] * scale;
        }
    }

    // In-place radix-2 decimation in time on bit-reversed input.
    private void Butterflies(bool inverse)
    {
        float sign = inverse ? -1f : 1f;
        for (int span = 1; span < _half; span *= 2)
        {
            int step = _half / (2 * span);
            for (int start = 0; start < _half; start += 2 * span)
            {
                for (int j = 0; j < span; j++)
                {
                    float wr = _cos[j * step], wi = sign * _sin[j * step];
                    int a = start + j, b = a + span;
                    float tr = wr * _zr[b] - wi * _zi[b];
                    float ti = wr * _zi[b] + wi * _zr[b];
                    _zr[b] = _zr[a] - tr;
                    _zi[b] = _zi[a] - ti;
                    _zr[a] += tr;
                    _zi[a] += ti;
                }
            }
        }
    }
}

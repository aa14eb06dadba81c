namespace Appliance.Audio.Tones;

/// <summary>
/// The energy of the least-squares fit of a tone's sinusoids (a cosine and a sine per frequency) to one
/// analysis window, from the window's inner products with those sinusoids: b' G^-1 b, where G is the
/// Gram matrix of the sinusoids over the window. Frequencies closer than the window's resolution leak
/// into each other's Goertzel bins; G undoes that, so a pure tone measures its whole energy.
/// G^-1 is computed once; <see cref="Energy"/> allocates nothing.
/// </summary>
internal sealed class ToneProjection
{
    private readonly double[] _inverse;   // m x m, row-major, m = 2 per frequency
    private readonly double[] _b;
    private readonly int _m;

    public ToneProjection(IReadOnlyList<double> frequencies, int sampleRate, int window)
    {
        _m = 2 * frequencies.Count;
        var basis = new double[_m, window];
        for (int k = 0; k < frequencies.Count; k++)
        {
            double w = 2 * Math.PI * frequencies[k] / sampleRate;
            for (int n = 0; n < window; n++)
            {
                basis[2 * k, n] = Math.Cos(w * n);
                basis[2 * k + 1, n] = Math.Sin(w * n);
            }
        }
        var gram = new double[_m, _m];
        for (int i = 0; i < _m; i++)
        {
            for (int j = 0; j < _m; j++)
            {
                double sum = 0;
                for (int n = 0; n < window; n++)
                {
                    sum += basis[i, n] * basis[j, n];
                }
                gram[i, j] = sum;
            }
        }
        _inverse = Invert(gram, _m);
        _b = new double[_m];
    }

    /// <summary>Energy of the fitted tone, given the window's sums x[n]·cos(wn) and x[n]·sin(wn) per frequency.</summary>
    public double Energy(int[] bins, double[] cos, double[] sin)
    {
        for (int k = 0; k < bins.Length; k++)
        {
            _b[2 * k] = cos[bins[k]];
            _b[2 * k + 1] = sin[bins[k]];
        }
        double energy = 0;
        for (int i = 0; i < _m; i++)
        {
            double row = 0;
            for (int j = 0; j < _m; j++)
            {
                row += _inverse[i * _m + j] * _b[j];
            }
            energy += _b[i] * row;
        }
        return energy;
    }

    // Gauss-Jordan with partial pivoting; G is symmetric positive definite for distinct frequencies.
    private static double[] Invert(double[,] a, int m)
    {
        var inv = new double[m * m];
        for (int i = 0; i < m; i++)
        {
            inv[i * m + i] = 1;
        }
        for (int col = 0; col < m; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < m; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = r;
                }
            }
            if (Math.Abs(a[pivot, col]) < 1e-9)
            {
                throw new ArgumentException("The tone's frequencies cannot be told apart in a 40 ms window.");
            }
            for (int j = 0; j < m; j++)
            {
                (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
                (inv[col * m + j], inv[pivot * m + j]) = (inv[pivot * m + j], inv[col * m + j]);
            }
            double scale = 1 / a[col, col];
            for (int j = 0; j < m; j++)
            {
                a[col, j] *= scale;
                inv[col * m + j] *= scale;
            }
            for (int r = 0; r < m; r++)
            {
                if (r == col || a[r, col] == 0)
                {
                    continue;
                }
                double factor = a[r, col];
                for (int j = 0; j < m; j++)
                {
                    a[r, j] -= factor * a[col, j];
                    inv[r * m + j] -= factor * inv[col * m + j];
                }
            }
        }
        return inv;
    }
}

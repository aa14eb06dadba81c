using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Appliance.Audio.Echo;

/// <summary>
/// Complex arithmetic on spectra stored as separate real and imaginary arrays, vectorised with
/// <see cref="Vector{T}"/> (8 lanes on AVX2, 4 on NEON) and a scalar tail. All spans of one call
/// have the same length.
/// </summary>
internal static class SpectrumMath
{
    /// <summary>acc += a * b.</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> aRe, ReadOnlySpan<float> aIm, ReadOnlySpan<float> bRe,
        ReadOnlySpan<float> bIm, Span<float> accRe, Span<float> accIm)
    {
        int n = accRe.Length;
        ref float ar = ref MemoryMarshal.GetReference(aRe);
        ref float ai = ref MemoryMarshal.GetReference(aIm);
        ref float br = ref MemoryMarshal.GetReference(bRe);
        ref float bi = ref MemoryMarshal.GetReference(bIm);
        ref float cr = ref MemoryMarshal.GetReference(accRe);
        ref float ci = ref MemoryMarshal.GetReference(accIm);
        // The checks make the unchecked loads below safe.
        if (aRe.Length < n || aIm.Length < n || bRe.Length < n || bIm.Length < n || accIm.Length < n)
        {
            throw new ArgumentException("Spectra must have the same length.");
        }
        int i = 0;
        for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
        {
            nuint k = (nuint)i;
            var xr = Vector.LoadUnsafe(ref ar, k);
            var xi = Vector.LoadUnsafe(ref ai, k);
            var yr = Vector.LoadUnsafe(ref br, k);
            var yi = Vector.LoadUnsafe(ref bi, k);
            (Vector.LoadUnsafe(ref cr, k) + xr * yr - xi * yi).StoreUnsafe(ref cr, k);
            (Vector.LoadUnsafe(ref ci, k) + xr * yi + xi * yr).StoreUnsafe(ref ci, k);
        }
        for (; i < n; i++)
        {
            float xr = Unsafe.Add(ref ar, i), xi = Unsafe.Add(ref ai, i);
            float yr = Unsafe.Add(ref br, i), yi = Unsafe.Add(ref bi, i);
            Unsafe.Add(ref cr, i) += xr * yr - xi * yi;
            Unsafe.Add(ref ci, i) += xr * yi + xi * yr;
        }
    }

    /// <summary>acc += scale * conj(a) * b.</summary>
    public static void ConjugateMultiplyAdd(ReadOnlySpan<float> aRe, ReadOnlySpan<float> aIm, ReadOnlySpan<float> bRe,
        ReadOnlySpan<float> bIm, Span<float> accRe, Span<float> accIm, float scale)
    {
        int n = accRe.Length;
        ref float ar = ref MemoryMarshal.GetReference(aRe);
        ref float ai = ref MemoryMarshal.GetReference(aIm);
        ref float br = ref MemoryMarshal.GetReference(bRe);
        ref float bi = ref MemoryMarshal.GetReference(bIm);
        ref float cr = ref MemoryMarshal.GetReference(accRe);
        ref float ci = ref MemoryMarshal.GetReference(accIm);
        if (aRe.Length < n || aIm.Length < n || bRe.Length < n || bIm.Length < n || accIm.Length < n)
        {
            throw new ArgumentException("Spectra must have the same length.");
        }
        var s = new Vector<float>(scale);
        int i = 0;
        for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
        {
            nuint k = (nuint)i;
            var xr = Vector.LoadUnsafe(ref ar, k) * s;
            var xi = Vector.LoadUnsafe(ref ai, k) * s;
            var yr = Vector.LoadUnsafe(ref br, k);
            var yi = Vector.LoadUnsafe(ref bi, k);
            (Vector.LoadUnsafe(ref cr, k) + xr * yr + xi * yi).StoreUnsafe(ref cr, k);
            (Vector.LoadUnsafe(ref ci, k) + xr * yi - xi * yr).StoreUnsafe(ref ci, k);
        }
        for (; i < n; i++)
        {
            float xr = scale * Unsafe.Add(ref ar, i), xi = scale * Unsafe.Add(ref ai, i);
            float yr = Unsafe.Add(ref br, i), yi = Unsafe.Add(ref bi, i);
            Unsafe.Add(ref cr, i) += xr * yr + xi * yi;
            Unsafe.Add(ref ci, i) += xr * yi - xi * yr;
        }
    }

    /// <summary>acc += scale * a.</summary>
    public static void ScaledAdd(ReadOnlySpan<float> a, float scale, Span<float> acc)
    {
        int n = acc.Length;
        if (a.Length < n)
        {
            throw new ArgumentException("Spectra must have the same length.");
        }
        ref float ar = ref MemoryMarshal.GetReference(a);
        ref float c = ref MemoryMarshal.GetReference(acc);
        var s = new Vector<float>(scale);
        int i = 0;
        for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
        {
            nuint k = (nuint)i;
            (Vector.LoadUnsafe(ref c, k) + Vector.LoadUnsafe(ref ar, k) * s).StoreUnsafe(ref c, k);
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref c, i) += scale * Unsafe.Add(ref ar, i);
        }
    }

    /// <summary>acc += |a|^2.</summary>
    public static void AddPower(ReadOnlySpan<float> aRe, ReadOnlySpan<float> aIm, Span<float> acc)
    {
        int n = acc.Length;
        if (aRe.Length < n || aIm.Length < n)
        {
            throw new ArgumentException("Spectra must have the same length.");
        }
        ref float ar = ref MemoryMarshal.GetReference(aRe);
        ref float ai = ref MemoryMarshal.GetReference(aIm);
        ref float c = ref MemoryMarshal.GetReference(acc);
        int i = 0;
        for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
        {
            nuint k = (nuint)i;
            var xr = Vector.LoadUnsafe(ref ar, k);
            var xi = Vector.LoadUnsafe(ref ai, k);
            (Vector.LoadUnsafe(ref c, k) + xr * xr + xi * xi).StoreUnsafe(ref c, k);
        }
        for (; i < n; i++)
        {
            float xr = Unsafe.Add(ref ar, i), xi = Unsafe.Add(ref ai, i);
            Unsafe.Add(ref c, i) += xr * xr + xi * xi;
        }
    }
}

using System.Numerics;

namespace Appliance.Audio.Codecs;

/// <summary>
/// ITU-T G.711 µ-law and A-law, bit-exact with the ITU reference implementation (G.191 g711.c),
/// which treats negative input in one's complement (~x). µ-law depends only on the top 14 bits of a
/// sample and A-law on the top 12, so encoding is one lookup in a 16 KiB / 4 KiB table built at start-up.
/// </summary>
public static class G711
{
    private static readonly byte[] MuLawEncodeTable = BuildMuLawEncodeTable();
    private static readonly byte[] ALawEncodeTable = BuildALawEncodeTable();
    private static readonly short[] MuLawDecodeTable = BuildMuLawDecodeTable();
    private static readonly short[] ALawDecodeTable = BuildALawDecodeTable();

    /// <summary>Encodes one sample to µ-law.</summary>
    public static byte EncodeMuLaw(short sample) => MuLawEncodeTable[(ushort)sample >> 2];

    /// <summary>Decodes one µ-law byte.</summary>
    public static short DecodeMuLaw(byte code) => MuLawDecodeTable[code];

    /// <summary>Encodes one sample to A-law.</summary>
    public static byte EncodeALaw(short sample) => ALawEncodeTable[(ushort)sample >> 4];

    /// <summary>Decodes one A-law byte.</summary>
    public static short DecodeALaw(byte code) => ALawDecodeTable[code];

    /// <summary>Encodes <paramref name="pcm"/> into the first pcm.Length bytes of <paramref name="dst"/>.</summary>
    public static void EncodeMuLaw(ReadOnlySpan<short> pcm, Span<byte> dst) => Encode(pcm, dst, MuLawEncodeTable, 2);

    /// <summary>Decodes <paramref name="codes"/> into the first codes.Length samples of <paramref name="dst"/>.</summary>
    public static void DecodeMuLaw(ReadOnlySpan<byte> codes, Span<short> dst) => Decode(codes, dst, MuLawDecodeTable);

    /// <summary>Encodes <paramref name="pcm"/> into the first pcm.Length bytes of <paramref name="dst"/>.</summary>
    public static void EncodeALaw(ReadOnlySpan<short> pcm, Span<byte> dst) => Encode(pcm, dst, ALawEncodeTable, 4);

    /// <summary>Decodes <paramref name="codes"/> into the first codes.Length samples of <paramref name="dst"/>.</summary>
    public static void DecodeALaw(ReadOnlySpan<byte> codes, Span<short> dst) => Decode(codes, dst, ALawDecodeTable);

    private static void Encode(ReadOnlySpan<short> pcm, Span<byte> dst, byte[] table, int shift)
    {
        if (dst.Length < pcm.Length)
        {
            throw new ArgumentException($"Destination holds {dst.Length} bytes, {pcm.Length} needed.", nameof(dst));
        }
        for (int i = 0; i < pcm.Length; i++)
        {
            dst[i] = table[(ushort)pcm[i] >> shift];
        }
    }

    private static void Decode(ReadOnlySpan<byte> codes, Span<short> dst, short[] table)
    {
        if (dst.Length < codes.Length)
        {
            throw new ArgumentException($"Destination holds {dst.Length} samples, {codes.Length} needed.", nameof(dst));
        }
        for (int i = 0; i < codes.Length; i++)
        {
            dst[i] = table[codes[i]];
        }
    }

    // Index = the sample's top 14 bits as unsigned, so 0x2000.. are the negative values.
    private static byte[] BuildMuLawEncodeTable()
    {
        var table = new byte[1 << 14];
        for (int index = 0; index < table.Length; index++)
        {
            int top = index >= 1 << 13 ? index - (1 << 14) : index; // sample >> 2, signed
            bool negative = top < 0;
            int magnitude = Math.Min((negative ? ~top : top) + 33, 0x1FFF); // 33 = bias / 4
            int segment = BitOperations.Log2((uint)magnitude) - 4; // 1..8
            int mantissa = (magnitude >> segment) & 0x0F;
            int code = ((8 - segment) << 4) | (0x0F - mantissa);
            table[index] = (byte)(negative ? code : code | 0x80);
        }
        return table;
    }

    // Index = the sample's top 12 bits as unsigned, so 0x800.. are the negative values.
    private static byte[] BuildALawEncodeTable()
    {
        var table = new byte[1 << 12];
        for (int index = 0; index < table.Length; index++)
        {
            int top = index >= 1 << 11 ? index - (1 << 12) : index; // sample >> 4, signed
            bool negative = top < 0;
            int magnitude = negative ? ~top : top; // 0..2047
            int code = magnitude; // segments 0 and 1 share step 1, so the code is the magnitude itself
            if (magnitude >= 32)
            {
                int exponent = BitOperations.Log2((uint)magnitude) - 3; // 2..7
                code = (exponent << 4) | ((magnitude >> (exponent - 1)) & 0x0F);
            }
            if (!negative)
            {
                code |= 0x80;
            }
            table[index] = (byte)(code ^ 0x55);
        }
        return table;
    }

    private static short[] BuildMuLawDecodeTable()
    {
        var table = new short[256];
        for (int code = 0; code < 256; code++)
        {
            int inverted = ~code;
            int exponent = (inverted >> 4) & 0x07;
            int mantissa = inverted & 0x0F;
            int step = 4 << (exponent + 1);
            int magnitude = (0x80 << exponent) + step * mantissa + step / 2 - 4 * 33;
            table[code] = (short)(code < 0x80 ? -magnitude : magnitude);
        }
        return table;
    }

    private static short[] BuildALawDecodeTable()
    {
        var table = new short[256];
        for (int code = 0; code < 256; code++)
        {
            int bits = (code ^ 0x55) & 0x7F;
            int exponent = bits >> 4;
            int mantissa = bits & 0x0F;
            if (exponent > 0)
            {
                mantissa += 16;
            }
            int magnitude = (mantissa << 4) + 8;
            if (exponent > 1)
            {
                magnitude <<= exponent - 1;
            }
            table[code] = (short)(code > 0x7F ? magnitude : -magnitude);
        }
        return table;
    }
}

using Appliance.Audio.Codecs;

namespace Appliance.Audio.Tests.PartA;

public class G711Tests
{
    [Theory]
    [InlineData((short)0, 0xFF)]
    [InlineData((short)-1, 0x7F)]
    [InlineData((short)32767, 0x80)]
    [InlineData((short)-32768, 0x00)]
    [InlineData((short)120, 0xF0)]
    [InlineData((short)1000, 0xCE)]
    [InlineData((short)-1000, 0x4E)]
    public void MuLaw_encodes_known_vectors(short sample, int code) =>
        Assert.Equal((byte)code, G711.EncodeMuLaw(sample));

    [Theory]
    [InlineData(0xFF, 0)]
    [InlineData(0x7F, 0)]
    [InlineData(0x80, 32124)]
    [InlineData(0x00, -32124)]
    [InlineData(0x81, 31100)]
    [InlineData(0xF0, 120)]
    [InlineData(0xFE, 8)]
    public void MuLaw_decodes_known_vectors(int code, short sample) =>
        Assert.Equal(sample, G711.DecodeMuLaw((byte)code));

    [Theory]
    [InlineData((short)0, 0xD5)]
    [InlineData((short)-1, 0x55)]
    [InlineData((short)32767, 0xAA)]
    [InlineData((short)-32768, 0x2A)]
    [InlineData((short)1000, 0xFA)]
    public void ALaw_encodes_known_vectors(short sample, int code) =>
        Assert.Equal((byte)code, G711.EncodeALaw(sample));

    [Theory]
    [InlineData(0xD5, 8)]
    [InlineData(0x55, -8)]
    [InlineData(0xAA, 32256)]
    [InlineData(0x2A, -32256)]
    [InlineData(0xFA, 1008)]
    public void ALaw_decodes_known_vectors(int code, short sample) =>
        Assert.Equal(sample, G711.DecodeALaw((byte)code));

    [Fact]
    public void Every_16_bit_sample_encodes_like_the_G191_reference()
    {
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            short s = (short)x;
            Assert.Equal(G711Reference.ULawCompress(s), G711.EncodeMuLaw(s));
            Assert.Equal(G711Reference.ALawCompress(s), G711.EncodeALaw(s));
        }
    }

    [Fact]
    public void All_256_codes_survive_decode_then_encode()
    {
        for (int code = 0; code < 256; code++)
        {
            // 0x7F is µ-law's negative zero: it decodes to 0, which encodes as positive zero 0xFF.
            byte expectedMu = code == 0x7F ? (byte)0xFF : (byte)code;
            Assert.Equal(expectedMu, G711.EncodeMuLaw(G711.DecodeMuLaw((byte)code)));
            Assert.Equal((byte)code, G711.EncodeALaw(G711.DecodeALaw((byte)code)));
        }
    }

    [Fact]
    public void Decoded_values_are_monotonic_in_magnitude_within_each_sign()
    {
        // µ-law 0x80..0xFF run from +32124 down to 0; A-law codes are not ordered, so sort by value.
        for (int code = 0x81; code <= 0xFF; code++)
        {
            Assert.True(G711.DecodeMuLaw((byte)code) < G711.DecodeMuLaw((byte)(code - 1)));
        }
        var alaw = new SortedSet<short>();
        for (int code = 0; code < 256; code++)
        {
            alaw.Add(G711.DecodeALaw((byte)code));
        }
        Assert.Equal(256, alaw.Count);
    }

    [Fact]
    public void Span_versions_match_single_sample_versions()
    {
        var pcm = new short[160];
        var rng = new Random(7);
        for (int i = 0; i < pcm.Length; i++)
        {
            pcm[i] = (short)rng.Next(short.MinValue, short.MaxValue + 1);
        }
        var mu = new byte[160];
        var a = new byte[160];
        G711.EncodeMuLaw(pcm, mu);
        G711.EncodeALaw(pcm, a);
        var muBack = new short[160];
        var aBack = new short[160];
        G711.DecodeMuLaw(mu, muBack);
        G711.DecodeALaw(a, aBack);
        for (int i = 0; i < pcm.Length; i++)
        {
            Assert.Equal(G711.EncodeMuLaw(pcm[i]), mu[i]);
            Assert.Equal(G711.EncodeALaw(pcm[i]), a[i]);
            Assert.Equal(G711.DecodeMuLaw(mu[i]), muBack[i]);
            Assert.Equal(G711.DecodeALaw(a[i]), aBack[i]);
        }
    }

    [Fact]
    public void Quantisation_error_stays_within_half_a_step()
    {
        // A G.711 decoder reconstructs at the middle of each interval: the error is below 1/16 of the value
        // above the linear segments (4.5 % is the 8-bit log-PCM bound) and tiny near zero.
        for (int x = -32000; x <= 32000; x += 7)
        {
            short s = (short)x;
            int muErr = Math.Abs(G711.DecodeMuLaw(G711.EncodeMuLaw(s)) - x);
            int aErr = Math.Abs(G711.DecodeALaw(G711.EncodeALaw(s)) - x);
            Assert.True(muErr <= Math.Max(8, Math.Abs(x) / 16), $"µ-law {x}: {muErr}");
            Assert.True(aErr <= Math.Max(16, Math.Abs(x) / 16), $"A-law {x}: {aErr}");
        }
    }

    [Fact]
    public void Short_destination_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => G711.EncodeMuLaw(new short[10], new byte[9]));
        Assert.Throws<ArgumentException>(() => G711.DecodeALaw(new byte[10], new short[9]));
    }
}

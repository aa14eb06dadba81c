using Appliance.Audio.Codecs;
using Appliance.Audio.Tests.TestSignals;

namespace Appliance.Audio.Tests.PartA;

public class AudioEncodingTests
{
    [Theory]
    [InlineData("pcm_44100", AudioEncoding.Pcm44100, 44100, 2)]
    [InlineData("PCM_16000", AudioEncoding.Pcm16000, 16000, 2)]
    [InlineData(" pcm_8000 ", AudioEncoding.Pcm8000, 8000, 2)]
    [InlineData("mulaw_8000", AudioEncoding.MuLaw8000, 8000, 1)]
    public void Seed_values_parse_and_round_trip(string seed, AudioEncoding expected, int rate, int bytes)
    {
        Assert.True(AudioEncodings.TryParse(seed, out var encoding));
        Assert.Equal(expected, encoding);
        Assert.Equal(seed.Trim().ToLowerInvariant(), encoding.ToSeedValue());
        Assert.Equal(rate, encoding.SampleRate());
        Assert.Equal(bytes, encoding.BytesPerSample());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("pcm_11025")]
    [InlineData("opus")]
    public void Unknown_values_do_not_parse(string? seed) => Assert.False(AudioEncodings.TryParse(seed, out _));

    [Fact]
    public void Pcm_bytes_split_at_odd_offsets_decode_to_the_same_samples()
    {
        short[] samples = Signals.WhiteNoise(1000, -10, seed: 1);
        var bytes = new byte[2000];
        var encoder = new AudioStreamEncoder(16000, AudioEncoding.Pcm16000);
        Assert.Equal(2000, encoder.Encode(samples, bytes));
        Assert.Equal(samples[1], (short)(bytes[2] | (bytes[3] << 8))); // little-endian

        var decoder = new AudioStreamDecoder(AudioEncoding.Pcm16000, 16000);
        var output = new short[1100];
        int written = 0;
        int[] cuts = [0, 1, 2, 7, 333, 1000, 1999, 2000];
        for (int k = 0; k + 1 < cuts.Length; k++)
        {
            written += decoder.Decode(bytes.AsSpan(cuts[k], cuts[k + 1] - cuts[k]), output.AsSpan(written));
        }
        Assert.Equal(1000, written);
        Assert.Equal(samples, output[..1000]);
    }

    [Fact]
    public void MuLaw_stream_matches_the_codec()
    {
        short[] samples = Signals.Sine(440, 0.5, 8000, 800);
        var bytes = new byte[800];
        new AudioStreamEncoder(8000, AudioEncoding.MuLaw8000).Encode(samples, bytes);
        var back = new short[800];
        Assert.Equal(800, new AudioStreamDecoder(AudioEncoding.MuLaw8000, 8000).Decode(bytes, back));
        for (int i = 0; i < samples.Length; i++)
        {
            Assert.Equal(G711.EncodeMuLaw(samples[i]), bytes[i]);
            Assert.Equal(G711.DecodeMuLaw(bytes[i]), back[i]);
        }
    }

    [Fact]
    public void Tts_at_44100_reaches_the_line_at_8000_with_the_tone_intact()
    {
        short[] tts = Signals.Sine(1000, 0.4, 44100, 44100);
        var wire = new byte[tts.Length * 2];
        new AudioStreamEncoder(44100, AudioEncoding.Pcm44100).Encode(tts, wire);
        var decoder = new AudioStreamDecoder(AudioEncoding.Pcm44100, 8000);
        var line = new short[decoder.MaxOutputSamples(wire.Length)];
        int n = decoder.Decode(wire, line);
        Assert.InRange(n, 7999, 8000);
        double gain = Signals.ToneAmplitude(line.AsSpan(n - 4000, 4000), 1000, 8000) / (0.4 * 32767);
        Assert.InRange(gain, 0.99, 1.01);
    }
}

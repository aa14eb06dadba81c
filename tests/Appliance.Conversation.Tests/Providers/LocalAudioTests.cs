using System.Text;
using Appliance.Conversation.Providers;
using Appliance.Conversation.Providers.Audio;
using Appliance.Conversation.Providers.Local;
using Appliance.Conversation.Providers.Tts;

namespace Appliance.Conversation.Tests.Providers;

public sealed class LocalAudioTests
{
    // Goertzel power of one frequency, normalised by length.
    private static double Power(ReadOnlySpan<short> x, int rate, double frequency)
    {
        var k = 2 * Math.Cos(2 * Math.PI * frequency / rate);
        double s1 = 0, s2 = 0;
        foreach (var v in x)
        {
            var s0 = v + k * s1 - s2;
            s2 = s1;
            s1 = s0;
        }

        return (s1 * s1 + s2 * s2 - k * s1 * s2) / x.Length / x.Length;
    }

    private static short[] Resample(short[] input, int from, int to)
    {
        var resampler = new PcmResampler(from, to);
        var output = new short[resampler.MaxOutput(input.Length) + 64];
        var n = 0;
        for (var offset = 0; offset < input.Length; offset += 441)
        {
            var chunk = input.AsSpan(offset, Math.Min(441, input.Length - offset));
            n += resampler.Process(chunk, output.AsSpan(n));
        }

        n += resampler.Flush(output.AsSpan(n));
        return output[..n];
    }

    [Theory]
    [InlineData(24000)]
    [InlineData(22050)]
    [InlineData(16000)]
    public void Resampling_to_8kHz_keeps_speech_band_tones_and_length(int inputRate)
    {
        var output = Resample(TestAudio.Tone(inputRate, 1000, 1.0), inputRate, 8000);

        Assert.InRange(output.Length, 7990, 8020);
        var middle = output.AsSpan(800, 6400);
        Assert.InRange(TestAudio.Rms(middle), 8000 / Math.Sqrt(2) * 0.95, 8000 / Math.Sqrt(2) * 1.05);
        Assert.True(Power(middle, 8000, 1000) > 100 * Power(middle, 8000, 2000));
    }

    [Fact]
    public void Resampling_down_removes_tones_above_the_new_nyquist_instead_of_aliasing_them()
    {
        // 6 kHz at 24 kHz would fold to 2 kHz at 8 kHz without the low-pass.
        var output = Resample(TestAudio.Tone(24000, 6000, 1.0), 24000, 8000);

        Assert.True(TestAudio.Rms(output.AsSpan(800, 6400)) < 8000 * 0.02, $"aliased energy {TestAudio.Rms(output.AsSpan(800, 6400))}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("RIFF")]
    [InlineData("RIFF\0\0\0\0WAVEfmt \u0010\0\0\0\u0003\0\u0001\0")]
    [InlineData("RIFF\0\0\0\0WAVEdata\0\0\0\0")]
    [InlineData("RIFF\0\0\0\0WAVEjunk\u00ff\u00ff\u00ff\u007f")]
    public async Task Malformed_wav_is_rejected_with_invalid_data(string header)
    {
        using var stream = new MemoryStream(Encoding.Latin1.GetBytes(header));

        await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var _ in PcmFrameReader.ReadFramesAsync(stream, null, 8000))
            {
            }
        });
    }

    [Fact]
    public async Task Espeak_speaks_text_that_looks_like_options_and_ignores_a_hostile_voice()
    {
        var tts = new EspeakTextToSpeech();
        var request = new SpeechRequest("--help; rm -rf / $(reboot)", 8000) { Voice = "en; reboot", Speed = 1.5 };

        var (samples, lengths) = await TestAudio.CollectAsync(tts.SynthesizeAsync(request, CancellationToken.None));

        Assert.All(lengths, length => Assert.Equal(160, length));
        Assert.True(samples.Length / 8000.0 > 0.8, "the text itself should be spoken");
        Assert.True(TestAudio.Rms(samples) > 300);
    }

    [Fact]
    public async Task Espeak_stops_when_the_caller_hangs_up()
    {
        var tts = new EspeakTextToSpeech();
        using var hangUp = new CancellationTokenSource();
        var frames = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in tts.SynthesizeAsync(new SpeechRequest(string.Concat(Enumerable.Repeat("A long sentence. ", 40)), 8000), hangUp.Token))
            {
                if (++frames == 3)
                {
                    await hangUp.CancelAsync();
                }
            }
        });
        Assert.Equal(3, frames);
    }

    [Fact]
    public void An_endpoint_never_prints_its_key()
    {
        var endpoint = new ProviderEndpoint { Name = "cloud", Kind = ProviderKind.OpenAiCompatible, ApiKey = "sk-very-secret" };

        Assert.DoesNotContain("sk-very-secret", endpoint.ToString(), StringComparison.Ordinal);
        Assert.Contains("ApiKey = (set)", endpoint.ToString(), StringComparison.Ordinal);
    }
}

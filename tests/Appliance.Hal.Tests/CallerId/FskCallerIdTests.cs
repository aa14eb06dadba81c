using Appliance.Hal.CallerId;

namespace Appliance.Hal.Tests.CallerId;

public class FskCallerIdTests
{
    private static readonly CallerIdInfo Alice = new("5551234567", "ALICE SMITH", "11231415");

    public static TheoryData<string, bool, int> Cases => new()
    {
        { "bell202", true, 8000 },
        { "bell202", false, 8000 },
        { "v23", true, 8000 },
        { "v23", false, 8000 },
        { "bell202", true, 16000 },
        { "v23", true, 16000 },
    };

    /// <summary>White Gaussian noise at a given SNR, reproducible by seed.</summary>
    private static short[] WithNoise(short[] clean, double snrDb, int seed)
    {
        var rng = new Random(seed);
        double signalPower = clean.Select(s => (double)s * s).Average();
        double sigma = Math.Sqrt(signalPower / Math.Pow(10, snrDb / 10));
        return clean.Select(s =>
        {
            double gauss = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            return (short)Math.Clamp(s + (sigma * gauss), short.MinValue, short.MaxValue);
        }).ToArray();
    }

    /// <summary>Feeds the signal as 20 ms frames, after half a second of line silence.</summary>
    private static CallerIdInfo? Demodulate(FskStandard standard, int rate, short[] signal)
    {
        var demod = new FskDemodulator(standard, rate);
        var line = new short[(rate / 2) + signal.Length + rate];
        signal.CopyTo(line, rate / 2);
        int frame = rate / 50;
        for (int i = 0; i + frame <= line.Length; i += frame)
        {
            demod.Process(line.AsSpan(i, frame));
        }

        return demod.Message;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decodes_clean_signal(string standardName, bool mdmf, int rate)
    {
        var standard = FskStandard.ForName(standardName);
        var expected = mdmf ? Alice : Alice with { Name = null };
        var signal = FskModulator.Modulate(CallerIdMessageCodec.Encode(Alice, mdmf), standard, rate);
        Assert.Equal(expected, Demodulate(standard, rate, signal));
    }

    [Theory]
    [InlineData("bell202")]
    [InlineData("v23")]
    public void Decodes_every_try_at_20_dB_snr(string standardName)
    {
        // 20 dB is the signal-to-noise ratio caller-ID receivers are specified for.
        var standard = FskStandard.ForName(standardName);
        var signal = FskModulator.Modulate(CallerIdMessageCodec.Encode(Alice, true), standard, 8000, amplitude: 3000);
        for (int seed = 1; seed <= 10; seed++)
        {
            Assert.Equal(Alice, Demodulate(standard, 8000, WithNoise(signal, 20, seed)));
        }
    }

    [Theory]
    [InlineData("bell202")]
    [InlineData("v23")]
    public void Decodes_most_tries_at_15_dB_snr(string standardName)
    {
        var standard = FskStandard.ForName(standardName);
        var signal = FskModulator.Modulate(CallerIdMessageCodec.Encode(Alice, true), standard, 8000, amplitude: 3000);
        int decoded = Enumerable.Range(100, 10).Count(seed => Demodulate(standard, 8000, WithNoise(signal, 15, seed)) == Alice);
        Assert.True(decoded >= 8, $"decoded {decoded} of 10");
    }

    [Theory]
    [InlineData("bell202", -1.0)]
    [InlineData("bell202", 1.0)]
    [InlineData("v23", -1.0)]
    [InlineData("v23", 1.0)]
    public void Tolerates_tone_and_baud_offset_at_spec_limit_and_low_level(string standardName, double offsetPercent)
    {
        // Specs allow +-1% on tones and baud rate (both shift here); -38 dBFS is below the weakest level an exchange sends.
        var standard = FskStandard.ForName(standardName);
        int shiftedRate = (int)Math.Round(8000 / (1 + (offsetPercent / 100)));
        var signal = FskModulator.Modulate(CallerIdMessageCodec.Encode(Alice, true), standard, shiftedRate, amplitude: 400);
        Assert.Equal(Alice, Demodulate(standard, 8000, signal));
    }

    [Fact]
    public void Wrong_standard_does_not_produce_a_false_message()
    {
        var signal = FskModulator.Modulate(CallerIdMessageCodec.Encode(Alice, true), FskStandard.Bell202, 8000);
        var result = Demodulate(FskStandard.V23, 8000, signal);
        Assert.True(result is null || result == Alice);
    }

    [Fact]
    public void Pure_noise_yields_no_message()
    {
        var noise = WithNoise(new short[8000 * 3].Select((_, i) => (short)(i % 2 == 0 ? 1000 : -1000)).ToArray(), 0, 7);
        Assert.Null(Demodulate(FskStandard.Bell202, 8000, noise));
    }

    [Fact]
    public void Absence_reasons_round_trip()
    {
        var withheld = new CallerIdInfo(null, null, "01020304", CallerIdAbsence.Private, CallerIdAbsence.Private);
        var signal = FskModulator.Modulate(CallerIdMessageCodec.Encode(withheld, true), FskStandard.V23, 8000);
        Assert.Equal(withheld, Demodulate(FskStandard.V23, 8000, signal));

        var sdmf = new CallerIdInfo(null, DateTime: "01020304", NumberAbsence: CallerIdAbsence.Unavailable);
        Assert.True(CallerIdMessageCodec.TryDecode(CallerIdMessageCodec.Encode(sdmf, false), out var decoded));
        Assert.Equal(sdmf, decoded);
    }
}

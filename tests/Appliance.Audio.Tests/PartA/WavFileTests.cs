using System.Diagnostics;
using Appliance.Audio.Tests.TestSignals;
using Appliance.Audio.Wav;

namespace Appliance.Audio.Tests.PartA;

public class WavFileTests
{
    private static byte[] ToWav(short[] samples, int rate)
    {
        using var ms = new MemoryStream();
        WavFile.Write(ms, samples, rate);
        return ms.ToArray();
    }

    [Fact]
    public void Round_trip_keeps_samples_and_rate()
    {
        short[] samples = Signals.WhiteNoise(5000, -6, seed: 5);
        byte[] wav = ToWav(samples, 16000);
        Assert.Equal(44 + 10000, wav.Length);
        Assert.Equal(samples, WavFile.Read(new MemoryStream(wav), out int rate));
        Assert.Equal(16000, rate);
    }

    [Fact]
    public void Sox_reads_what_we_write_and_we_read_what_sox_writes()
    {
        string dir = Path.Combine(Path.GetTempPath(), "appliance-wav-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            short[] tone = Signals.Sine(440, 0.5, 8000, 8000);
            string ours = Path.Combine(dir, "ours.wav");
            string theirs = Path.Combine(dir, "theirs.wav");
            WavFile.Write(ours, tone, 8000);
            // sox re-writes with a different header layout (it may add a LIST chunk) and converts to 16 kHz.
            using (var sox = Process.Start("sox", [ours, "-r", "16000", theirs]))
            {
                sox.WaitForExit();
                Assert.Equal(0, sox.ExitCode);
            }
            short[] back = WavFile.Read(theirs, out int rate);
            Assert.Equal(16000, rate);
            Assert.Equal(16000, back.Length);
            Assert.InRange(Signals.ToneAmplitude(back.AsSpan(4000, 8000), 440, 16000) / (0.5 * 32767), 0.98, 1.02);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Unknown_chunks_are_skipped()
    {
        byte[] wav = ToWav([1, 2, 3], 8000);
        byte[] list = [(byte)'L', (byte)'I', (byte)'S', (byte)'T', 3, 0, 0, 0, 9, 9, 9, 0];
        byte[] withList = [.. wav[..36], .. list, .. wav[36..]];
        Assert.Equal([1, 2, 3], WavFile.Read(new MemoryStream(withList), out _));
    }

    [Theory]
    [InlineData(22, 2)]  // stereo
    [InlineData(34, 8)]  // 8-bit
    [InlineData(20, 3)]  // float format tag
    public void Other_formats_are_rejected(int offset, byte value)
    {
        byte[] wav = ToWav([1, 2, 3], 8000);
        wav[offset] = value;
        Assert.Throws<InvalidDataException>(() => WavFile.Read(new MemoryStream(wav), out _));
    }

    [Fact]
    public void Truncated_or_mutated_files_fail_only_with_InvalidDataException()
    {
        byte[] wav = ToWav(Signals.Sine(300, 0.2, 8000, 400), 8000);
        for (int cut = 0; cut < 44; cut++)
        {
            Assert.Throws<InvalidDataException>(() => WavFile.Read(new MemoryStream(wav[..cut]), out _));
        }
        var rng = new Random(9);
        for (int trial = 0; trial < 2000; trial++)
        {
            byte[] copy = (byte[])wav.Clone();
            for (int k = 0; k < 3; k++)
            {
                copy[rng.Next(48)] = (byte)rng.Next(256);
            }
            try
            {
                short[] samples = WavFile.Read(new MemoryStream(copy), out int rate);
                Assert.True(samples.Length <= 400 && rate > 0);
            }
            catch (InvalidDataException)
            {
                // expected for most mutations
            }
        }
    }
}

using System.Runtime.InteropServices;
using Appliance.Hal.Linux.Alsa;

namespace Appliance.Hal.Tests.Linux;

/// <summary>
/// The ALSA layer against real libasound PCMs from a private configuration: `file` PCMs whose
/// infile feeds capture and whose file records playback, over `null` slaves (no sound card needed).
/// </summary>
public sealed class AlsaAudioCodecTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hal-alsa-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteConfig()
    {
        string path = Path.Combine(_dir, "asound.conf");
        File.WriteAllText(path, $$"""
            pcm.linein {
              type file
              slave.pcm { type null }
              file "{{_dir}}/capture-tap.raw"
              infile "{{_dir}}/in.raw"
              format "raw"
            }
            pcm.lineout {
              type file
              slave.pcm { type null }
              file "{{_dir}}/out.raw"
              format "raw"
            }
            """);
        return path;
    }

    private static short[] Tone(int count) =>
        Enumerable.Range(0, count).Select(i => (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 8000.0))).ToArray();

    [Fact]
    public void Capture_reads_the_infile_frame_by_frame()
    {
        var input = Tone(160 * 10);
        File.WriteAllBytes(Path.Combine(_dir, "in.raw"), MemoryMarshal.AsBytes(input.AsSpan()).ToArray());
        using var codec = new AlsaAudioCodec("linein", "lineout", 8000, WriteConfig());
        var frame = new short[codec.FrameSamples];
        var captured = new List<short>();
        for (int i = 0; i < 10; i++)
        {
            codec.ReadFrame(frame);
            captured.AddRange(frame);
        }

        Assert.Equal(input, captured);
        Assert.Equal(0, codec.XrunCount);
    }

    [Fact]
    public void Playback_is_recorded_by_the_file_plugin()
    {
        File.WriteAllBytes(Path.Combine(_dir, "in.raw"), new byte[320]);
        var output = Tone(160 * 25);
        using (var codec = new AlsaAudioCodec("linein", "lineout", 8000, WriteConfig()))
        {
            for (int i = 0; i < 25; i++)
            {
                codec.WriteFrame(output.AsSpan(i * 160, 160));
            }
        }

        var recorded = MemoryMarshal.Cast<byte, short>(File.ReadAllBytes(Path.Combine(_dir, "out.raw"))).ToArray();
        Assert.Equal(output, recorded);
    }

    [Fact]
    public void Unknown_device_is_a_clear_error()
    {
        File.WriteAllBytes(Path.Combine(_dir, "in.raw"), new byte[320]);
        var ex = Assert.Throws<IOException>(() => new AlsaAudioCodec("nosuchpcm", "lineout", 8000, WriteConfig()));
        Assert.Contains("'nosuchpcm'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_config_file_is_a_clear_error()
    {
        Assert.Throws<FileNotFoundException>(() => new AlsaAudioCodec("linein", "lineout", 8000, Path.Combine(_dir, "missing.conf")));
    }

    [Fact]
    public void Wrong_frame_length_is_rejected()
    {
        File.WriteAllBytes(Path.Combine(_dir, "in.raw"), new byte[320]);
        using var codec = new AlsaAudioCodec("linein", "lineout", 8000, WriteConfig());
        Assert.Throws<ArgumentException>(() => codec.WriteFrame(new short[100]));
    }
}

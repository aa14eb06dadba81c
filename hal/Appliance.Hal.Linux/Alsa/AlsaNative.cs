using System.Runtime.InteropServices;

namespace Appliance.Hal.Linux.Alsa;

/// <summary>
/// The few libasound calls the codec needs, bound by source-generated P/Invoke (AOT safe).
/// Only the blocking read/write interleaved API is used: one thread per direction, no callbacks.
/// </summary>
internal static unsafe partial class AlsaNative
{
    private const string Library = "libasound.so.2";

    public const int StreamPlayback = 0;
    public const int StreamCapture = 1;
    public const int FormatS16Le = 2;
    public const int AccessRwInterleaved = 3;
    public const int EPIPE = 32;

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int snd_pcm_open(out nint pcm, string name, int stream, int mode);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int snd_pcm_open_lconf(out nint pcm, string name, int stream, int mode, nint config);

    [LibraryImport(Library)]
    public static partial int snd_pcm_set_params(nint pcm, int format, int access, uint channels, uint rate, int softResample, uint latencyMicroseconds);

    [LibraryImport(Library)]
    public static partial nint snd_pcm_readi(nint pcm, short* buffer, nuint frames);

    [LibraryImport(Library)]
    public static partial nint snd_pcm_writei(nint pcm, short* buffer, nuint frames);

    [LibraryImport(Library)]
    public static partial int snd_pcm_recover(nint pcm, int error, int silent);

    [LibraryImport(Library)]
    public static partial int snd_pcm_drain(nint pcm);

    [LibraryImport(Library)]
    public static partial int snd_pcm_close(nint pcm);

    [LibraryImport(Library)]
    public static partial nint snd_strerror(int error);

    [LibraryImport(Library)]
    public static partial int snd_config_top(out nint config);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int snd_input_stdio_open(out nint input, string file, string mode);

    [LibraryImport(Library)]
    public static partial int snd_config_load(nint config, nint input);

    [LibraryImport(Library)]
    public static partial int snd_input_close(nint input);

    [LibraryImport(Library)]
    public static partial int snd_config_delete(nint config);

    public static string Describe(int error) => Marshal.PtrToStringUTF8(snd_strerror(error)) ?? $"ALSA error {error}";
}

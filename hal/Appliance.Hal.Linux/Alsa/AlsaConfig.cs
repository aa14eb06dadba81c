namespace Appliance.Hal.Linux.Alsa;

/// <summary>
/// An ALSA configuration file loaded on its own (not merged with the system's), so a board or a
/// test can define its PCMs without touching ~/.asoundrc or the process environment.
/// </summary>
internal sealed class AlsaConfig : IDisposable
{
    private AlsaConfig(nint handle) => Handle = handle;

    public nint Handle { get; private set; }

    public static AlsaConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("ALSA configuration file not found", path);
        }

        Check(AlsaNative.snd_config_top(out nint config), "snd_config_top", path);
        var result = new AlsaConfig(config);
        Check(AlsaNative.snd_input_stdio_open(out nint input, path, "r"), "snd_input_stdio_open", path);
        try
        {
            Check(AlsaNative.snd_config_load(config, input), "snd_config_load", path);
        }
        catch
        {
            result.Dispose();
            throw;
        }
        finally
        {
            _ = AlsaNative.snd_input_close(input);
        }

        return result;
    }

    public void Dispose()
    {
        if (Handle != 0)
        {
            _ = AlsaNative.snd_config_delete(Handle);
            Handle = 0;
        }
    }

    private static void Check(int rc, string call, string path)
    {
        if (rc < 0)
        {
            throw new IOException($"{call}('{path}') failed: {AlsaNative.Describe(rc)}");
        }
    }
}

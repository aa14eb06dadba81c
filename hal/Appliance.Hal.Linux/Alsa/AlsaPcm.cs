namespace Appliance.Hal.Linux.Alsa;

/// <summary>
/// One open PCM stream (capture or playback), 16-bit mono interleaved, blocking.
/// xruns (-EPIPE) and suspends are recovered with snd_pcm_recover and counted.
/// </summary>
internal sealed unsafe class AlsaPcm : IDisposable
{
    private nint _pcm;

    public AlsaPcm(string device, bool capture, int sampleRate, TimeSpan latency, AlsaConfig? config)
    {
        int stream = capture ? AlsaNative.StreamCapture : AlsaNative.StreamPlayback;
        int rc = config is null
            ? AlsaNative.snd_pcm_open(out _pcm, device, stream, 0)
            : AlsaNative.snd_pcm_open_lconf(out _pcm, device, stream, 0, config.Handle);
        Check(rc, "open", device);
        rc = AlsaNative.snd_pcm_set_params(_pcm, AlsaNative.FormatS16Le, AlsaNative.AccessRwInterleaved, 1, (uint)sampleRate, 1, (uint)latency.TotalMicroseconds);
        if (rc < 0)
        {
            Dispose();
            Check(rc, "set_params", device);
        }

        Device = device;
    }

    public string Device { get; }

    public long XrunCount { get; private set; }

    public void Read(Span<short> frame)
    {
        fixed (short* start = frame)
        {
            int done = 0;
            while (done < frame.Length)
            {
                nint n = AlsaNative.snd_pcm_readi(_pcm, start + done, (nuint)(frame.Length - done));
                done += n >= 0 ? (int)n : Recover((int)n, "read");
            }
        }
    }

    public void Write(ReadOnlySpan<short> frame)
    {
        fixed (short* start = frame)
        {
            int done = 0;
            while (done < frame.Length)
            {
                nint n = AlsaNative.snd_pcm_writei(_pcm, start + done, (nuint)(frame.Length - done));
                done += n >= 0 ? (int)n : Recover((int)n, "write");
            }
        }
    }

    public void Dispose()
    {
        if (_pcm != 0)
        {
            _ = AlsaNative.snd_pcm_close(_pcm);
            _pcm = 0;
        }
    }

    /// <summary>Recovers from an xrun or suspend (counted) and lets the caller retry; other errors throw.</summary>
    private int Recover(int error, string operation)
    {
        int rc = AlsaNative.snd_pcm_recover(_pcm, error, 1);
        Check(rc, operation, Device);
        XrunCount++;
        return 0;
    }

    private static void Check(int rc, string operation, string device)
    {
        if (rc < 0)
        {
            throw new IOException($"ALSA {operation} on '{device}' failed: {AlsaNative.Describe(rc)}");
        }
    }
}

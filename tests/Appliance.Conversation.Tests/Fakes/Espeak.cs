using System.Diagnostics;

namespace Appliance.Conversation.Tests.Fakes;

/// <summary>Real speech for the fake servers, from Debian's espeak-ng.</summary>
public static class Espeak
{
    public static async Task<byte[]> WavAsync(string text)
    {
        var start = new ProcessStartInfo("espeak-ng") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("--stdout");
        start.ArgumentList.Add(text);
        using var process = Process.Start(start)!;
        using var wav = new MemoryStream();
        await process.StandardOutput.BaseStream.CopyToAsync(wav);
        await process.WaitForExitAsync();
        return wav.ToArray();
    }

    /// <summary>espeak-ng speech converted by sox to raw 16-bit mono PCM at the given rate.</summary>
    public static async Task<byte[]> RawPcmAsync(string text, int sampleRate)
    {
        var wav = await WavAsync(text);
        var start = new ProcessStartInfo("sox") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-t", "wav", "-", "-t", "raw", "-r", sampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture), "-e", "signed", "-b", "16", "-c", "1", "-" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var feed = Task.Run(async () =>
        {
            await process.StandardInput.BaseStream.WriteAsync(wav);
            process.StandardInput.Close();
        });
        using var raw = new MemoryStream();
        await process.StandardOutput.BaseStream.CopyToAsync(raw);
        await feed;
        await process.WaitForExitAsync();
        return raw.ToArray();
    }
}

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
}

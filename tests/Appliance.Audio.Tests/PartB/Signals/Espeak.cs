using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Appliance.Audio.Tests.PartB.Signals;

/// <summary>
/// Speech made by Debian's espeak-ng and resampled by sox to the rate a test needs, as floats in
/// [-1, 1]. Results are cached in the temp folder by voice/text/rate so a test run synthesises each
/// utterance once.
/// </summary>
internal static class Espeak
{
    private static readonly string CacheDir = Path.Combine(Path.GetTempPath(), "appliance-partb-espeak");

    public static float[] Say(string text, string voice, int sampleRate, int wordsPerMinute = 165)
    {
        Directory.CreateDirectory(CacheDir);
        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{voice}|{wordsPerMinute}|{sampleRate}|{text}")))[..24];
        string raw = Path.Combine(CacheDir, key + ".s16");
        if (!File.Exists(raw))
        {
            string wav = Path.Combine(CacheDir, key + ".wav");
            Run("espeak-ng", "-v", voice, "-s", wordsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture), "-w", wav, text);
            string tmp = raw + ".tmp";
            Run("sox", wav, "-t", "raw", "-e", "signed-integer", "-b", "16", "-c", "1", tmp, "rate", "-v", sampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.Move(tmp, raw, overwrite: true);
            File.Delete(wav);
        }
        byte[] bytes = File.ReadAllBytes(raw);
        var samples = new float[bytes.Length / 2];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = BitConverter.ToInt16(bytes, 2 * i) / 32768f;
        }
        return samples;
    }

    private static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        string err = p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed ({p.ExitCode}): {err}");
        }
    }
}

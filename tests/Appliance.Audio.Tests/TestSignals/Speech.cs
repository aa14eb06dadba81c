using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Appliance.Audio.Tests.TestSignals;

/// <summary>
/// Speech test signals from Debian's espeak-ng, resampled by sox (an independent resampler, so our own
/// is never tested against itself). Results are cached as raw 16-bit files under the temp directory,
/// keyed by every parameter, so a test run synthesises each utterance once.
/// </summary>
public static class Speech
{
    /// <summary>Voices that sound clearly different; babble uses them as the other talkers.</summary>
    public static readonly string[] Voices = ["en-us", "en-gb", "en-gb-scotland", "en-029", "en-gb-x-rp", "en-us+f3", "en-us+m7"];

    /// <summary>Sentences with a mix of voiced and unvoiced sounds, for speech and babble.</summary>
    public static readonly string[] Sentences =
    [
        "The quick brown fox jumps over the lazy dog while the radio plays in the kitchen.",
        "Please hold the line, I will check the order status for you right away.",
        "Seven hundred and forty two people called the support center yesterday afternoon.",
        "Could you spell your last name and confirm the address on the account?",
        "Thank you for calling, our office hours are nine to five on weekdays.",
        "Is the appointment on Tuesday morning or on Thursday after lunch?",
    ];

    private static readonly string CacheDir = Path.Combine(Path.GetTempPath(), "appliance-test-signals");

    /// <summary>Mono 16-bit speech at <paramref name="sampleRate"/>.</summary>
    public static short[] Synthesize(string text, int sampleRate = 8000, string voice = "en-us", int wordsPerMinute = 165, int pitch = 50)
    {
        string key = $"{text}|{sampleRate}|{voice}|{wordsPerMinute}|{pitch}";
        string file = Path.Combine(CacheDir, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24] + ".s16");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(CacheDir);
            string wav = file + "." + Guid.NewGuid().ToString("N") + ".wav";
            string tmp = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
            Run("espeak-ng", "-v", voice, "-s", wordsPerMinute.ToString(), "-p", pitch.ToString(), "-w", wav, text);
            Run("sox", wav, "-t", "raw", "-e", "signed-integer", "-b", "16", "-c", "1", "-r", sampleRate.ToString(), "-L", tmp);
            File.Delete(wav);
            File.Move(tmp, file, overwrite: true); // atomic publish: parallel tests never read half a file
        }
        byte[] bytes = File.ReadAllBytes(file);
        var samples = new short[bytes.Length / 2];
        Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * 2);
        return samples;
    }

    /// <summary>
    /// Background speech: <paramref name="talkers"/> different voices saying different sentences,
    /// each looped to <paramref name="samples"/> and summed at equal level.
    /// </summary>
    public static short[] Babble(int samples, int sampleRate = 8000, int talkers = 5)
    {
        var sum = new double[samples];
        for (int t = 0; t < talkers; t++)
        {
            short[] voice = Synthesize(Sentences[(t + 1) % Sentences.Length], sampleRate, Voices[(t + 1) % Voices.Length]);
            int offset = voice.Length * t / talkers; // start each talker at a different point
            for (int i = 0; i < samples; i++)
            {
                sum[i] += voice[(i + offset) % voice.Length];
            }
        }
        return Signals.ToPcm(sum, 1.0 / Math.Sqrt(talkers));
    }

    private static void Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        string err = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {err}");
        }
    }
}

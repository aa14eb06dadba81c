using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Appliance.Conversation.Providers.Audio;
using Appliance.Conversation.Providers.Tts;

namespace Appliance.Conversation.Providers.Local;

/// <summary>
/// On-box TTS through Debian's espeak-ng, the voice of degraded mode and of the embedded default
/// agent. The text goes to the process on stdin (never on a command line, never through a shell);
/// the WAV it writes to stdout is converted to frames at the call's rate as it comes.
/// </summary>
public sealed partial class EspeakTextToSpeech(string executable = "espeak-ng", string? defaultVoice = null) : ITextToSpeech
{
    public const int MaxTextLength = 4000;
    private const int NormalWordsPerMinute = 175;

    public string Name => "local-espeak";

    public async IAsyncEnumerable<ReadOnlyMemory<short>> SynthesizeAsync(
        SpeechRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--stdout");
        start.ArgumentList.Add("--stdin");
        start.ArgumentList.Add("-s");
        start.ArgumentList.Add(((int)(NormalWordsPerMinute * Math.Clamp(request.Speed, 0.5, 2.5))).ToString(CultureInfo.InvariantCulture));
        if (VoiceFor(request) is { } voice)
        {
            start.ArgumentList.Add("-v");
            start.ArgumentList.Add(voice);
        }

        using var process = Process.Start(start) ?? throw new ProviderException("espeak-ng did not start.");
        using var kill = cancellationToken.Register(static p => KillQuietly((Process)p!), process);
        try
        {
            var text = request.Text.Length > MaxTextLength ? request.Text[..MaxTextLength] : request.Text;
            await process.StandardInput.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
            // stderr is drained so a chatty espeak cannot block on a full pipe.
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await foreach (var frame in PcmFrameReader.ReadFramesAsync(process.StandardOutput.BaseStream, null, request.SampleRate, cancellationToken).ConfigureAwait(false))
            {
                yield return frame;
            }

            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new ProviderException($"espeak-ng exited with {process.ExitCode}: {await errors.ConfigureAwait(false)}");
            }
        }
        finally
        {
            KillQuietly(process);
        }
    }

    // espeak voice names are short identifiers ("en-us", "de", "en+f3"); anything else is ignored.
    private string? VoiceFor(SpeechRequest request)
    {
        foreach (var candidate in (ReadOnlySpan<string?>)[request.Voice, defaultVoice, request.Language])
        {
            if (candidate is not null && VoiceName().IsMatch(candidate))
            {
                return candidate.ToLowerInvariant();
            }
        }

        return null;
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    [GeneratedRegex("^[A-Za-z]{2,3}([-_+][A-Za-z0-9]{1,12}){0,3}$")]
    private static partial Regex VoiceName();
}

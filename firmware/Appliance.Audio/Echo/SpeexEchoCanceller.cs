using System.Runtime.InteropServices;

namespace Appliance.Audio.Echo;

/// <summary>
/// Debian's libspeexdsp MDF echo canceller (libspeexdsp.so.1) through P/Invoke: the reference
/// <see cref="LineEchoCanceller"/> is measured against in tests and benchmarks (ERLE and cost on
/// the same signal). Linear filter only (no preprocessor residual-echo suppression). Throws
/// <see cref="DllNotFoundException"/> when the library is not installed.
/// </summary>
public sealed partial class SpeexEchoCanceller : IDisposable
{
    private const string Library = "libspeexdsp.so.1";
    private const int SetSamplingRate = 24;

    private nint _state;

    /// <param name="tail">Echo tail; speex calls it filter_length (1024 samples = 128 ms at 8 kHz).</param>
    public SpeexEchoCanceller(int sampleRate, TimeSpan tail)
    {
        if (sampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "8000 or 16000 Hz.");
        }
        if (tail < TimeSpan.FromMilliseconds(16) || tail > TimeSpan.FromMilliseconds(128))
        {
            throw new ArgumentOutOfRangeException(nameof(tail), tail, "Tail must be 16..128 ms.");
        }
        FrameSamples = sampleRate / 50;
        _state = StateInit(FrameSamples, (int)(sampleRate * tail.TotalSeconds));
        if (_state == 0)
        {
            throw new InvalidOperationException("speex_echo_state_init failed.");
        }
        int rate = sampleRate;
        unsafe
        {
            if (Ctl(_state, SetSamplingRate, &rate) != 0)
            {
                throw new InvalidOperationException("speex_echo_ctl(SET_SAMPLING_RATE) failed.");
            }
        }
    }

    public int FrameSamples { get; }

    /// <summary>Cancels one frame: <paramref name="mic"/> minus the echo of <paramref name="reference"/>.</summary>
    public unsafe void Process(ReadOnlySpan<short> mic, ReadOnlySpan<short> reference, Span<short> output)
    {
        ObjectDisposedException.ThrowIf(_state == 0, this);
        if (mic.Length != FrameSamples || reference.Length != FrameSamples || output.Length != FrameSamples)
        {
            throw new ArgumentException($"Frames must hold {FrameSamples} samples (mic {mic.Length}, reference {reference.Length}, output {output.Length}).");
        }
        fixed (short* m = mic)
        fixed (short* r = reference)
        fixed (short* o = output)
        {
            Cancel(_state, m, r, o);
        }
    }

    public void Dispose()
    {
        if (_state != 0)
        {
            StateDestroy(_state);
            _state = 0;
        }
    }

    [LibraryImport(Library, EntryPoint = "speex_echo_state_init")]
    private static partial nint StateInit(int frameSize, int filterLength);

    [LibraryImport(Library, EntryPoint = "speex_echo_cancellation")]
    private static unsafe partial void Cancel(nint state, short* rec, short* play, short* output);

    [LibraryImport(Library, EntryPoint = "speex_echo_ctl")]
    private static unsafe partial int Ctl(nint state, int request, void* value);

    [LibraryImport(Library, EntryPoint = "speex_echo_state_destroy")]
    private static partial void StateDestroy(nint state);
}

using System.Runtime.InteropServices;

namespace Appliance.Audio.Denoise;

/// <summary>
/// Debian's libspeexdsp preprocessor (libspeexdsp.so.1) through P/Invoke: the reference the
/// spectral engine is measured against in tests and benchmarks. Denoise only (AGC, VAD and
/// dereverb off). Throws <see cref="DllNotFoundException"/> when the library is not installed.
/// </summary>
public sealed partial class SpeexPreprocessor : IDisposable
{
    private const string Library = "libspeexdsp.so.1";
    private const int SetDenoise = 0;
    private const int SetAgc = 2;
    private const int SetVad = 4;
    private const int SetDereverb = 8;
    private const int SetNoiseSuppress = 18;

    private nint _state;

    /// <param name="noiseSuppressDb">Maximum attenuation of noise (speex default -15 dB).</param>
    public SpeexPreprocessor(int sampleRate, int noiseSuppressDb = -15)
    {
        if (sampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "8000 or 16000 Hz.");
        }
        FrameSamples = sampleRate / 50;
        _state = StateInit(FrameSamples, sampleRate);
        if (_state == 0)
        {
            throw new InvalidOperationException("speex_preprocess_state_init failed.");
        }
        Control(SetDenoise, 1);
        Control(SetAgc, 0);
        Control(SetVad, 0);
        Control(SetDereverb, 0);
        Control(SetNoiseSuppress, noiseSuppressDb);
    }

    public int FrameSamples { get; }

    /// <summary>Denoises one 20 ms frame in place.</summary>
    public unsafe void Process(Span<short> frame)
    {
        ObjectDisposedException.ThrowIf(_state == 0, this);
        if (frame.Length != FrameSamples)
        {
            throw new ArgumentException($"A 20 ms frame holds {FrameSamples} samples, got {frame.Length}.", nameof(frame));
        }
        fixed (short* p = frame)
        {
            Run(_state, p);
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

    private unsafe void Control(int request, int value)
    {
        int v = value;
        if (Ctl(_state, request, &v) != 0)
        {
            throw new InvalidOperationException($"speex_preprocess_ctl({request}) failed.");
        }
    }

    [LibraryImport(Library, EntryPoint = "speex_preprocess_state_init")]
    private static partial nint StateInit(int frameSize, int samplingRate);

    [LibraryImport(Library, EntryPoint = "speex_preprocess_run")]
    private static unsafe partial int Run(nint state, short* x);

    [LibraryImport(Library, EntryPoint = "speex_preprocess_ctl")]
    private static unsafe partial int Ctl(nint state, int request, void* value);

    [LibraryImport(Library, EntryPoint = "speex_preprocess_state_destroy")]
    private static partial void StateDestroy(nint state);
}

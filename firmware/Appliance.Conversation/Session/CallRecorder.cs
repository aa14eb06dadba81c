using System.Buffers.Binary;
using Appliance.Audio.Wav;

namespace Appliance.Conversation.Session;

/// <summary>
/// Records a call to an 8 kHz 16-bit mono WAV file: the caller and the box mixed, written a frame at
/// a time from a preallocated buffer (no allocation per frame); the header's sizes are filled in
/// when the call ends, and a crash leaves a file whose audio is still all there.
/// </summary>
internal sealed class CallRecorder : IDisposable
{
    private readonly FileStream _file;
    private readonly byte[] _bytes;
    private readonly int _sampleRate;
    private long _dataBytes;

    public CallRecorder(string path, int sampleRate, int frameSamples)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _sampleRate = sampleRate;
        _bytes = new byte[frameSamples * 2];
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 64 * 1024);
        Span<byte> header = stackalloc byte[WavFile.HeaderSize];
        WavFile.WriteHeader(header, sampleRate, 0);
        _file.Write(header);
        FilePath = path;
    }

    public string FilePath { get; }

    /// <summary>Adds one frame: what the caller sent and what the box played at the same time.</summary>
    public void Write(ReadOnlySpan<short> caller, ReadOnlySpan<short> box)
    {
        for (var i = 0; i < _bytes.Length / 2; i++)
        {
            var callerSample = i < caller.Length ? caller[i] : 0;
            var mixed = Math.Clamp(callerSample + box[i], short.MinValue, short.MaxValue);
            BinaryPrimitives.WriteInt16LittleEndian(_bytes.AsSpan(i * 2), (short)mixed);
        }
        _file.Write(_bytes);
        _dataBytes += _bytes.Length;
    }

    public void Dispose()
    {
        Span<byte> header = stackalloc byte[WavFile.HeaderSize];
        WavFile.WriteHeader(header, _sampleRate, (int)Math.Min(_dataBytes, int.MaxValue - WavFile.HeaderSize));
        _file.Position = 0;
        _file.Write(header);
        _file.Dispose();
    }
}

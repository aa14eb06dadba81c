using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Appliance.Conversation.Providers.Audio;

/// <summary>
/// Turns a provider's audio stream (a WAV stream, or raw 16-bit little-endian PCM at a known rate)
/// into fixed 20 ms mono frames at the rate the call needs, as the bytes arrive.
/// </summary>
/// <remarks>
/// Each yielded frame is a view of one reused buffer, valid until the next MoveNextAsync: copy it
/// to keep it. The last frame is padded with silence so every frame has the same length.
/// </remarks>
public static class PcmFrameReader
{
    public const int FramesPerSecond = 50;

    /// <param name="stream">The audio; read to its end.</param>
    /// <param name="rawSampleRate">Rate of headerless PCM, or null when the stream starts with a WAV header.</param>
    /// <param name="targetRate">Rate of the frames produced.</param>
    public static async IAsyncEnumerable<ReadOnlyMemory<short>> ReadFramesAsync(
        Stream stream,
        int? rawSampleRate,
        int targetRate,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var format = rawSampleRate is { } rate
            ? new WavHeader(rate, 1, 16)
            : await WavHeader.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
        var resampler = new PcmResampler(format.SampleRate, targetRate);
        var bytesPerFrame = 2 * format.Channels;
        var readBuffer = new byte[4096 - 4096 % bytesPerFrame];
        var mono = new short[readBuffer.Length / bytesPerFrame];
        var resampled = new short[resampler.MaxOutput(mono.Length)];
        var frame = new short[targetRate / FramesPerSecond];
        var filled = 0;
        var pending = 0;

        while (true)
        {
            var read = await stream.ReadAsync(readBuffer.AsMemory(pending), cancellationToken).ConfigureAwait(false);
            var produced = 0;
            if (read == 0)
            {
                produced = resampler.Flush(resampled);
            }
            else
            {
                var total = pending + read;
                var whole = total - total % bytesPerFrame;
                var samples = Downmix(readBuffer.AsSpan(0, whole), format.Channels, mono);
                readBuffer.AsSpan(whole, total - whole).CopyTo(readBuffer);
                pending = total - whole;
                produced = resampler.Process(mono.AsSpan(0, samples), resampled);
            }

            for (var offset = 0; offset < produced;)
            {
                var take = Math.Min(frame.Length - filled, produced - offset);
                resampled.AsSpan(offset, take).CopyTo(frame.AsSpan(filled));
                filled += take;
                offset += take;
                if (filled == frame.Length)
                {
                    // A barge-in or hang-up stops the audio at once, even mid-buffer.
                    cancellationToken.ThrowIfCancellationRequested();
                    filled = 0;
                    yield return frame;
                }
            }

            if (read == 0)
            {
                break;
            }
        }

        if (filled > 0)
        {
            frame.AsSpan(filled).Clear();
            yield return frame;
        }
    }

    private static int Downmix(ReadOnlySpan<byte> bytes, int channels, Span<short> mono)
    {
        var count = bytes.Length / (2 * channels);
        for (var i = 0; i < count; i++)
        {
            var sum = 0;
            for (var c = 0; c < channels; c++)
            {
                sum += BinaryPrimitives.ReadInt16LittleEndian(bytes.Slice((i * channels + c) * 2, 2));
            }

            mono[i] = (short)(sum / channels);
        }

        return count;
    }
}

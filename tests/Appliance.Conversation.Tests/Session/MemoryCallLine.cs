using System.Collections.Concurrent;
using Appliance.Configuration.Model;
using Appliance.Conversation.Lines;

namespace Appliance.Conversation.Tests.Session;

/// <summary>
/// A call line in memory: the test queues what the caller says (20 ms frames) and reads what the
/// box sent; with nothing queued the caller is silent.
/// </summary>
internal sealed class MemoryCallLine : ICallLine
{
    private readonly ConcurrentQueue<short[]> _caller = new();
    private int _sentFrames;
    private int _voicedFramesSent;

    public string CallId { get; } = "memory-" + Guid.NewGuid().ToString("N");
    public string Kind => TelephonyProviders.Sip;
    public string? CallerNumber => "+15550009999";
    public string? CalledNumber => "+15550001111";
    public bool HungUp { get; private set; }
    public List<string> Transfers { get; } = [];
    public bool AcceptTransfers { get; set; } = true;
    public int SentFrames => Volatile.Read(ref _sentFrames);

    /// <summary>Frames sent whose level shows speech (not silence or faint ambience).</summary>
    public int VoicedFramesSent => Volatile.Read(ref _voicedFramesSent);

    public event Action<char>? DtmfReceived;
    public event Action<string>? Ended;

    public void Say(ReadOnlySpan<short> audio)
    {
        for (var offset = 0; offset + 160 <= audio.Length; offset += 160)
        {
            _caller.Enqueue(audio.Slice(offset, 160).ToArray());
        }
    }

    public void PressKey(char digit) => DtmfReceived?.Invoke(digit);

    public void CallerHangsUp() => Ended?.Invoke("remote-bye");

    public bool TryReadFrame(Span<short> frame)
    {
        if (_caller.TryDequeue(out var next))
        {
            next.CopyTo(frame);
        }
        else
        {
            frame.Clear();
        }
        return true;
    }

    public void WriteFrame(ReadOnlySpan<short> frame)
    {
        Interlocked.Increment(ref _sentFrames);
        long energy = 0;
        foreach (var s in frame)
        {
            energy += s * s;
        }
        if (Math.Sqrt(energy / (double)frame.Length) > 1000)
        {
            Interlocked.Increment(ref _voicedFramesSent);
        }
    }

    public Task SendDtmfAsync(string digits, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> TransferAsync(string target, CancellationToken cancellationToken)
    {
        Transfers.Add(target);
        if (AcceptTransfers)
        {
            Ended?.Invoke("local-bye");
        }
        return Task.FromResult(AcceptTransfers);
    }

    /// <summary>Whether the target of a warm transfer answers the consultation call.</summary>
    public bool ConsultAnswers { get; set; } = true;

    /// <summary>The consultation calls placed (warm transfer): their targets and lines.</summary>
    public List<(string Target, MemoryCallLine Line)> Consultations { get; } = [];

    /// <summary>The consultation lines the caller was joined to.</summary>
    public List<ICallLine> CompletedTransfers { get; } = [];

    /// <summary>A consultation call: a new memory line answered at once, unless <see cref="ConsultAnswers"/> is false.</summary>
    public Task<ICallLine?> ConsultAsync(string target, CancellationToken cancellationToken)
    {
        if (!ConsultAnswers)
        {
            return Task.FromResult<ICallLine?>(null);
        }
        var consultation = new MemoryCallLine();
        Consultations.Add((target, consultation));
        return Task.FromResult<ICallLine?>(consultation);
    }

    public Task<bool> CompleteTransferAsync(ICallLine consultation, CancellationToken cancellationToken)
    {
        CompletedTransfers.Add(consultation);
        if (AcceptTransfers)
        {
            Ended?.Invoke("local-bye");
        }
        return Task.FromResult(AcceptTransfers);
    }

    public Task HangUpAsync()
    {
        HungUp = true;
        return Task.CompletedTask;
    }

    public CallQuality? Quality => null;
}

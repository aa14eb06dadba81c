using Appliance.Telephony.Rtp;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.Media;

/// <summary>
/// Steady state of the receive side per 20 ms frame: one packet in (pairs swapped, so reordering is
/// exercised), one frame out. Baseline: a sorted list of per-packet arrays, the obvious version.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class JitterBufferBenchmarks
{
    private const int Frame = RtpClock.SamplesPerFrame;
    private readonly short[] _pcm = new short[Frame];
    private readonly short[] _out = new short[Frame];
    private readonly SortedList<int, short[]> _naive = [];
    private JitterBuffer _buffer = null!;
    private uint _sent;
    private int _naiveSeq;
    private int _naivePlay;

    [GlobalSetup]
    public void Setup()
    {
        _buffer = new JitterBuffer(TimeProvider.System);
        for (int i = 0; i < 4; i++)
        {
            PushNext();
            PushNaive();
        }
    }

    [Benchmark(Baseline = true)]
    public int NaiveSortedListPerFrame()
    {
        PushNaive();
        if (_naive.TryGetValue(_naivePlay, out short[]? frame))
        {
            frame.CopyTo(_out, 0);
            _naive.Remove(_naivePlay);
        }

        _naivePlay++;
        return _out[0];
    }

    [Benchmark]
    public JitterBufferResult JitterBufferPerFrame()
    {
        PushNext();
        return _buffer.Read(_out);
    }

    private void PushNext()
    {
        // Send order 1,0,3,2,...: every other packet arrives one place late.
        uint index = _sent ^ 1;
        _buffer.Push((ushort)index, index * Frame, 1, _pcm);
        _sent++;
    }

    private void PushNaive()
    {
        int seq = _naiveSeq ^ 1;
        _naive[seq] = (short[])_pcm.Clone();
        _naiveSeq++;
    }
}

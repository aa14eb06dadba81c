using Appliance.Hal.Line;

namespace Appliance.HilRig.Responders;

/// <summary>
/// A stand-in agent: greets every answered call with a one-second 440 Hz tone, and answers each
/// caller utterance (sound, then 400 ms of quiet) with a half-second 660 Hz tone.
/// </summary>
public sealed class ToneResponder(int sampleRate) : ICallResponder
{
    private const int FrameMs = 20;
    private const double SpeechRms = 300;
    private const int EndOfUtteranceFrames = 400 / FrameMs;
    private readonly Lock _gate = new();
    private double _frequency;
    private int _framesLeft;
    private double _phase;
    private bool _callerSpoke;
    private int _quietFrames;

    public void Attach(ILineCallSource line)
    {
        ArgumentNullException.ThrowIfNull(line);
        line.Answered += (_, _) => Say(440, 1000);
        line.CallEnded += (_, _) => Say(0, 0);
    }

    public void OnCallerFrame(ReadOnlySpan<short> frame)
    {
        double sum = 0;
        foreach (short s in frame)
        {
            sum += s * s;
        }

        if (Math.Sqrt(sum / frame.Length) >= SpeechRms)
        {
            _callerSpoke = true;
            _quietFrames = 0;
        }
        else if (_callerSpoke && ++_quietFrames >= EndOfUtteranceFrames)
        {
            _callerSpoke = false;
            Say(660, 500);
        }
    }

    public void FillAgentFrame(Span<short> frame)
    {
        lock (_gate)
        {
            if (_framesLeft == 0)
            {
                frame.Clear();
                return;
            }

            _framesLeft--;
            double step = 2 * Math.PI * _frequency / sampleRate;
            for (int i = 0; i < frame.Length; i++)
            {
                frame[i] = (short)(6000 * Math.Sin(_phase));
                _phase = (_phase + step) % (2 * Math.PI);
            }
        }
    }

    private void Say(double frequency, int milliseconds)
    {
        lock (_gate)
        {
            _frequency = frequency;
            _framesLeft = milliseconds / FrameMs;
        }
    }
}

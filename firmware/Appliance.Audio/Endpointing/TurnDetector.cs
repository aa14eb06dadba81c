using Appliance.Audio.Vad;

namespace Appliance.Audio.Endpointing;

/// <summary>
/// Decides when the caller's turn has ended from the VAD's frame decisions. The wait after the
/// last voiced frame lies between <c>min_endpointing_delay</c> and <c>max_endpointing_delay</c>:
/// <list type="bullet">
/// <item>sensitive: min + 25% of the span scaled by how unfinished the turn seems;</item>
/// <item>relaxed: min + 100% of the span scaled the same way;</item>
/// <item>auto: with a completion hint, 50% of the span; without, 1.5 times the longest pause the
/// caller made inside this turn, clamped to [min + 20% of the span, max].</item>
/// </list>
/// The completion hint (0..1, the chance the words so far end a turn, from STT or a turn model)
/// is optional; without it sensitive/relaxed assume 0.5. Timing comes from the frames' own
/// timestamps, so tests are exact and no timer is needed (frames arrive every 20 ms in a call).
/// </summary>
public sealed class TurnDetector
{
    private readonly EndpointingOptions _options;
    private bool _inTurn;
    private bool _voicedSeen;
    private TimeSpan _lastVoicedEnd;
    private TimeSpan _longestPause;
    private TimeSpan _currentPause;
    private float? _completionHint;

    public TurnDetector(EndpointingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    public bool InTurn => _inTurn;

    /// <summary>The wait that applies right now, after the last voiced frame.</summary>
    public TimeSpan CurrentDelay => ComputeDelay();

    /// <summary>Optional: chance (0..1) that what the caller said so far completes the turn.</summary>
    public void SetCompletionHint(float? likelihood)
    {
        _completionHint = likelihood is { } h && float.IsFinite(h) ? Math.Clamp(h, 0f, 1f) : null;
    }

    /// <param name="frameStart">Stream time at which this 20 ms frame begins.</param>
    /// <param name="vad">The VAD's decision for the frame.</param>
    public TurnEvent OnFrame(TimeSpan frameStart, VadDecision vad)
    {
        TimeSpan frameEnd = frameStart + TimeSpan.FromMilliseconds(VadFrame.FrameMilliseconds);
        if (vad.IsVoiced)
        {
            if (_voicedSeen && _currentPause > _longestPause && _inTurn)
            {
                _longestPause = _currentPause;
            }
            _currentPause = TimeSpan.Zero;
            _lastVoicedEnd = frameEnd;
            _voicedSeen = true;
        }
        else if (_voicedSeen)
        {
            _currentPause = frameEnd - _lastVoicedEnd;
        }

        if (!_inTurn)
        {
            if (vad.InSpeech)
            {
                _inTurn = true;
                _longestPause = TimeSpan.Zero;
                _currentPause = TimeSpan.Zero;
                return TurnEvent.UserStartedSpeaking;
            }
            return TurnEvent.None;
        }

        // After the maximum delay the turn ends even if the VAD still holds speech open (its own
        // vad_min_silence_duration may be longer); before it, the VAD must have closed the segment.
        if (_currentPause >= _options.MaxDelay || (!vad.InSpeech && _currentPause >= ComputeDelay()))
        {
            _inTurn = false;
            _completionHint = null;
            return TurnEvent.UserTurnEnded;
        }
        return TurnEvent.None;
    }

    public void Reset()
    {
        _inTurn = false;
        _voicedSeen = false;
        _longestPause = TimeSpan.Zero;
        _currentPause = TimeSpan.Zero;
        _completionHint = null;
    }

    private TimeSpan ComputeDelay()
    {
        TimeSpan min = _options.MinDelay, max = _options.MaxDelay, span = max - min;
        switch (_options.Sensitivity)
        {
            case EndpointingSensitivity.Sensitive:
                return min + span * (0.25 * (1 - (_completionHint ?? 0.5f)));
            case EndpointingSensitivity.Relaxed:
                return min + span * (1 - (_completionHint ?? 0.5f));
            default:
                if (_completionHint is { } h)
                {
                    return min + span * (0.5 * (1 - h));
                }
                // Until the caller has shown how long they pause, wait a fifth of the span.
                TimeSpan floor = min + span * 0.2;
                TimeSpan adaptive = _longestPause * 1.5;
                return adaptive < floor ? floor : adaptive > max ? max : adaptive;
        }
    }
}

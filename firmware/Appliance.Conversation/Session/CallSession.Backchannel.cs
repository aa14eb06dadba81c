using Appliance.Audio.Endpointing;
using Appliance.Audio.Mixing;
using Appliance.Audio.Vad;

namespace Appliance.Conversation.Session;

/// <summary>
/// enable_backchannel: during a long caller turn, a soft "mm-hm" at a short pause tells the caller the
/// agent is still listening. Runs in the media tick on frame time; no allocation apart from the event.
/// </summary>
public sealed partial class CallSession
{
    /// <summary>The caller must have been talking this long in the turn before the agent backchannels.</summary>
    private static readonly TimeSpan BackchannelAfterSpeech = TimeSpan.FromSeconds(4);

    /// <summary>At most one cue in this span.</summary>
    private static readonly TimeSpan BackchannelSpacing = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The cue comes once the pause reaches this; shorter gaps are within words. It stays inside the
    /// 150-400 ms of a mid-turn pause, and the endpointer still has to agree that the turn goes on.
    /// </summary>
    private const int BackchannelPauseFrames = 8; // 160 ms

    private TimeSpan _callerTurnStart;
    private int _unvoicedFrames;
    private TimeSpan? _lastBackchannel;

    /// <summary>Called for every listened frame after the endpointer; the agent is not speaking here.</summary>
    private void MaybeBackchannel(VadDecision vad, TurnEvent turn)
    {
        if (turn == TurnEvent.UserStartedSpeaking)
        {
            _callerTurnStart = _frameTime;
        }
        _unvoicedFrames = vad.IsVoiced ? 0 : _unvoicedFrames + 1;
        if (_unvoicedFrames != BackchannelPauseFrames
            || !_runtime.Agent.EnableBackchannel
            || !_turns.InTurn
            || _mixer.IsThinking
            || _frameTime - _callerTurnStart < BackchannelAfterSpeech
            || (_lastBackchannel is { } last && _frameTime - last < BackchannelSpacing))
        {
            return;
        }
        if (_mixer.PlayCue(SoundId.Backchannel))
        {
            _lastBackchannel = _frameTime;
            _log.Event("backchannel", $"after {(_frameTime - _callerTurnStart).TotalSeconds:0.0} s of caller speech");
        }
    }
}

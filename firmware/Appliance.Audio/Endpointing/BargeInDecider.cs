using Appliance.Audio.Vad;

namespace Appliance.Audio.Endpointing;

/// <summary>
/// While the agent speaks, decides whether the caller is really interrupting. Voiced caller
/// frames are counted (gaps up to <see cref="BargeInOptions.BridgedGap"/> bridged); frames the echo
/// detector marks as our own voice coming back do not count. When the count reaches
/// <see cref="BargeInOptions.RequiredSpeech"/> it fires once per agent utterance; shorter sounds
/// (backchannels, coughs) are ignored. Pure logic over frame decisions and stream times.
/// </summary>
public sealed class BargeInDecider
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(VadFrame.FrameMilliseconds);

    private readonly TimeSpan? _required;
    private TimeSpan _voiced;
    private TimeSpan _gap;
    private bool _fired;
    private bool _agentWasSpeaking;

    public BargeInDecider(BargeInOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _required = options.RequiredSpeech;
    }

    /// <summary>Caller speech counted so far in the current run.</summary>
    public TimeSpan CountedSpeech => _voiced;

    /// <param name="agentSpeaking">The agent's audio is being played to the caller in this frame.</param>
    /// <param name="vad">The VAD's decision for the caller-side frame.</param>
    /// <param name="isEcho">The echo detector attributes this frame's energy to our own playback.</param>
    /// <returns>True exactly at the frame where the agent should stop and listen.</returns>
    public bool OnFrame(bool agentSpeaking, VadDecision vad, bool isEcho)
    {
        if (!agentSpeaking)
        {
            _agentWasSpeaking = false;
            Clear();
            return false;
        }
        if (!_agentWasSpeaking)
        {
            // A new agent utterance: it may be interrupted again.
            _agentWasSpeaking = true;
            _fired = false;
            Clear();
        }
        if (_fired || _required is null)
        {
            return false;
        }
        if (vad.IsVoiced && !isEcho)
        {
            _voiced += Frame;
            _gap = TimeSpan.Zero;
        }
        else if (_voiced > TimeSpan.Zero)
        {
            _gap += Frame;
            if (_gap > BargeInOptions.BridgedGap)
            {
                Clear();
            }
        }
        if (_voiced > TimeSpan.Zero && _voiced >= _required.Value)
        {
            _fired = true;
            return true;
        }
        return false;
    }

    private void Clear()
    {
        _voiced = TimeSpan.Zero;
        _gap = TimeSpan.Zero;
    }
}

namespace Appliance.Audio.Endpointing;

/// <summary>What the turn detector decided at a frame.</summary>
public enum TurnEvent
{
    None,
    /// <summary>The caller started a turn (first confirmed speech after the last end of turn).</summary>
    UserStartedSpeaking,
    /// <summary>The caller's turn is over: hand the transcript to the LLM.</summary>
    UserTurnEnded,
}

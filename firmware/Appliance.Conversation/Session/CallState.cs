namespace Appliance.Conversation.Session;

/// <summary>Where a call is; shown live on the dashboard and kept in the call record's events.</summary>
public enum CallState
{
    Ringing,
    Greeting,
    Listening,
    Thinking,
    Speaking,
    Transferring,
    Ended,
}

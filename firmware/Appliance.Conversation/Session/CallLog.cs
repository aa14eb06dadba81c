using Appliance.Configuration.Model;

namespace Appliance.Conversation.Session;

/// <summary>The call record as the session writes it: events and turns stamped by the session clock.</summary>
internal sealed class CallLog(CallRecord record, CallSessionServices services, CallExtensions extensions)
{
    private readonly Lock _gate = new();

    public CallRecord Record => record;

    public void Event(string type, string? detail = null)
    {
        lock (_gate)
        {
            record.Events.Add(new CallEvent { At = services.Time.GetUtcNow(), Type = type, Detail = detail });
        }
    }

    public void Turn(CallTurn turn)
    {
        lock (_gate)
        {
            record.Turns.Add(turn);
        }
        Save();
        // Each message of the conversation also goes to the event_message webhooks.
        extensions.Message(turn.Role, turn.Text);
    }

    public void Update(Action<CallRecord> change)
    {
        lock (_gate)
        {
            change(record);
        }
        Save();
    }

    public void Save()
    {
        lock (_gate)
        {
            services.SaveRecord(record);
        }
    }
}

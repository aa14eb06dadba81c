using System.Globalization;
using System.Text.Json.Nodes;
using Appliance.Configuration.Model;

namespace Appliance.Conversation.Session;

/// <summary>The call record as the after_call webhook gets it: who, when, how it ended, what was said and done.</summary>
public static class CallSummaryJson
{
    public static JsonObject From(CallRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var turns = new JsonArray();
        foreach (var turn in record.Turns)
        {
            turns.Add((JsonNode)new JsonObject { ["role"] = turn.Role, ["text"] = turn.Text, ["at"] = Stamp(turn.At), ["interrupted"] = turn.Interrupted });
        }
        var tools = new JsonArray();
        foreach (var e in record.Events)
        {
            if (e.Type == CallToolEvents.Result)
            {
                tools.Add((JsonNode?)JsonValue.Create(e.Detail));
            }
        }
        return new JsonObject
        {
            ["call_id"] = record.Id,
            ["agent_id"] = record.AgentId,
            ["agent_name"] = record.AgentName,
            ["direction"] = record.Direction,
            ["caller"] = record.CallerNumber,
            ["called"] = record.CalledNumber,
            ["status"] = record.Status,
            ["end_reason"] = record.EndReason,
            ["started_at"] = Stamp(record.StartedAt),
            ["answered_at"] = record.AnsweredAt is { } answered ? Stamp(answered) : null,
            ["ended_at"] = record.EndedAt is { } ended ? Stamp(ended) : null,
            ["duration_sec"] = record.EndedAt is { } end && record.AnsweredAt is { } start ? Math.Round((end - start).TotalSeconds, 1) : null,
            ["summary"] = record.Summary,
            ["message"] = record.Message is { } m ? new JsonObject { ["name"] = m.Name, ["number"] = m.Number, ["text"] = m.Text } : null,
            ["turns"] = turns,
            ["tools"] = tools,
            ["recording_file"] = record.RecordingFile,
            ["degraded"] = record.Degraded,
        };
    }

    private static string Stamp(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}

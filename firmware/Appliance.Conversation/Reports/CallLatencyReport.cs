using Appliance.Configuration.Model;

namespace Appliance.Conversation.Reports;

/// <summary>
/// Where the time between the caller's end of speech and the box's first audio went, over the
/// answered turns of many call records: endpointing (waiting to be sure the caller finished), the
/// providers (STT, LLM to its first token, TTS to its first audio) and the box's own share.
/// Built from the per-turn timings the call session records (<see cref="CallTurn"/>).
/// </summary>
public sealed record CallLatencyReport(
    int Calls,
    LatencyStats Response,
    LatencyStats Endpointing,
    LatencyStats Stt,
    LatencyStats LlmFirstToken,
    LatencyStats TtsFirstAudio,
    LatencyStats Provider,
    LatencyStats OnBox)
{
    /// <summary>The report over the agent turns that answered a caller (those with a response latency).</summary>
    /// <param name="since">Only calls started at or after this time, when given.</param>
    /// <param name="agentId">Only this agent's calls, when given.</param>
    public static CallLatencyReport Build(IEnumerable<CallRecord> records, DateTimeOffset? since = null, string? agentId = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        List<double> response = [], endpointing = [], stt = [], llm = [], tts = [], provider = [], onBox = [];
        var calls = 0;
        foreach (var record in records)
        {
            if ((since is { } from && record.StartedAt < from) || (agentId is not null && record.AgentId != agentId))
            {
                continue;
            }
            var counted = false;
            foreach (var turn in record.Turns)
            {
                if (turn.ResponseLatencyMs is not { } total)
                {
                    continue; // greetings, pokes and interrupted answers have no caller turn to measure from
                }
                counted = true;
                response.Add(total);
                Add(endpointing, turn.EndpointingMs);
                Add(stt, turn.SttMs);
                Add(llm, turn.LlmFirstTokenMs);
                Add(tts, turn.TtsFirstAudioMs);
                provider.Add((turn.SttMs ?? 0) + (turn.LlmFirstTokenMs ?? 0) + (turn.TtsFirstAudioMs ?? 0));
                Add(onBox, turn.OnBoxMs);
            }
            calls += counted ? 1 : 0;
        }
        return new CallLatencyReport(calls, LatencyStats.From(response), LatencyStats.From(endpointing), LatencyStats.From(stt),
            LatencyStats.From(llm), LatencyStats.From(tts), LatencyStats.From(provider), LatencyStats.From(onBox));
    }

    private static void Add(List<double> values, double? value)
    {
        if (value is { } v)
        {
            values.Add(v);
        }
    }
}

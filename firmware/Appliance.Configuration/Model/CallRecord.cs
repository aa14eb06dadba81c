namespace Appliance.Configuration.Model;

/// <summary>
/// Everything that happened on one call: who, when, each turn with its latencies, events (barge-ins,
/// tools, DTMF, transfers), the taken message, media quality and where the recording is.
/// </summary>
public sealed class CallRecord
{
    public string Id { get; set; } = "";
    public string Project { get; set; } = Projects.Default;
    public string? AgentId { get; set; }
    public string? AgentName { get; set; }
    public string Direction { get; set; } = CallDirections.Inbound;
    public string Line { get; set; } = TelephonyProviders.Sip;
    public string? CallerNumber { get; set; }
    public string? CalledNumber { get; set; }
    public string Status { get; set; } = CallStatuses.Ringing;
    public string? EndReason { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public List<CallTurn> Turns { get; set; } = [];
    public List<CallEvent> Events { get; set; } = [];
    public CallMessage? Message { get; set; }
    public CallQuality? Quality { get; set; }
    public string? RecordingFile { get; set; }
    public string? Summary { get; set; }
    /// <summary>True when any stage ran in degraded (local) mode on this call.</summary>
    public bool Degraded { get; set; }
    public int SchemaVersion { get; set; } = StoreSchema.CurrentVersion;
}

/// <summary>One utterance, the caller's or the agent's, with the timing of each stage behind it.</summary>
public sealed class CallTurn
{
    public string Role { get; set; } = "";
    public string Text { get; set; } = "";
    /// <summary>BCP-47 language the turn was spoken in (the agent's current one, or the one detected from the caller).</summary>
    public string? Language { get; set; }
    public DateTimeOffset At { get; set; }
    public bool Interrupted { get; set; }
    /// <summary>Caller's end of speech → turn declared over.</summary>
    public double? EndpointingMs { get; set; }
    public double? SttMs { get; set; }
    public double? LlmFirstTokenMs { get; set; }
    public double? TtsFirstAudioMs { get; set; }
    /// <summary>Caller's end of speech → first agent audio frame sent on the line.</summary>
    public double? ResponseLatencyMs { get; set; }
    /// <summary>On-box share of the response latency (queues, audio chain, scheduling).</summary>
    public double? OnBoxMs { get; set; }
    /// <summary>Endpoint names that served this turn's stages.</summary>
    public List<string> Providers { get; set; } = [];
}

public sealed class CallEvent
{
    public DateTimeOffset At { get; set; }
    public string Type { get; set; } = "";
    public string? Detail { get; set; }
}

/// <summary>A message taken in degraded mode or by a message-taker agent.</summary>
public sealed class CallMessage
{
    public string? Name { get; set; }
    public string? Number { get; set; }
    public string? Text { get; set; }
}

/// <summary>RTP statistics of the call leg (RFC 3550 loss and jitter, E-model MOS).</summary>
public sealed class CallQuality
{
    public long PacketsReceived { get; set; }
    public long PacketsLost { get; set; }
    public double JitterMs { get; set; }
    public double Mos { get; set; }
}

public static class CallDirections
{
    public const string Inbound = "inbound";
    public const string Outbound = "outbound";
}

public static class CallStatuses
{
    public const string Ringing = "ringing";
    public const string InProgress = "in_progress";
    public const string Completed = "completed";
    public const string Transferred = "transferred";
    public const string Forwarded = "forwarded";
    public const string Refused = "refused";
    public const string Failed = "failed";

    /// <summary>An outbound call answered by a machine: the voicemail message was left (or none was configured).</summary>
    public const string Voicemail = "voicemail";

    /// <summary>Every status a record can hold, for filters and validation (keep in step with the constants above).</summary>
    public static readonly IReadOnlyList<string> All = [Ringing, InProgress, Completed, Transferred, Forwarded, Refused, Failed, Voicemail];
}

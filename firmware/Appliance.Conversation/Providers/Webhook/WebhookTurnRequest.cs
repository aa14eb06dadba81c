namespace Appliance.Conversation.Providers.Webhook;

/// <summary>The call a webhook request belongs to.</summary>
public sealed record WebhookCallContext(string CallId, string AgentId, string? Caller, string? Called);

/// <summary>One earlier turn, as sent to the webhook.</summary>
public sealed record WebhookTurnMessage(string Role, string Text);

/// <summary>Body POSTed to a voiceMode "webhook" agent for each caller turn.</summary>
public sealed record WebhookTurnRequest(
    string Event,
    string CallId,
    string AgentId,
    string? Caller,
    string? Called,
    string Transcript,
    IReadOnlyList<WebhookTurnMessage> History);

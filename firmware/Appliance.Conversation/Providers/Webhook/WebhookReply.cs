namespace Appliance.Conversation.Providers.Webhook;

/// <summary>A reply (or, streamed, one piece of it): <c>{"text": "..."}</c>.</summary>
public sealed record WebhookReply(string? Text);

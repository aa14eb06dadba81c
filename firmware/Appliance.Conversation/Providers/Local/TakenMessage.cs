namespace Appliance.Conversation.Providers.Local;

/// <summary>What the message taker understood; fields stay null when STT was unavailable (the recording holds them).</summary>
public sealed record TakenMessage(string? CallerName, string? CallbackNumber, string? Message);

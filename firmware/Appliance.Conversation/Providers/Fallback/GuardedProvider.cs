namespace Appliance.Conversation.Providers.Fallback;

/// <summary>A provider with the guard of its endpoint.</summary>
public sealed record GuardedProvider<TProvider>(TProvider Provider, EndpointGuard Guard);

using System.Collections.Concurrent;

namespace Appliance.Conversation.Providers.Fallback;

/// <summary>
/// The box-wide registry of endpoint guards, keyed by stage, endpoint name and timeout (a changed
/// timeout in the configuration gets a fresh guard).
/// </summary>
public sealed class EndpointGuards(TimeProvider timeProvider, EndpointPolicy? policy = null)
{
    private readonly ConcurrentDictionary<(ProviderStage, string, TimeSpan), EndpointGuard> _guards = new();
    private readonly EndpointPolicy _policy = policy ?? new EndpointPolicy();

    public TimeProvider TimeProvider => timeProvider;

    public EndpointGuard For(ProviderStage stage, ProviderEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return For(stage, endpoint.Name, endpoint.Timeout);
    }

    public EndpointGuard For(ProviderStage stage, string name, TimeSpan firstResultTimeout) =>
        _guards.GetOrAdd((stage, name, firstResultTimeout), static (key, state) =>
            new EndpointGuard(key.Item2, key.Item3, state._policy, state.timeProvider), (_policy, timeProvider));
}

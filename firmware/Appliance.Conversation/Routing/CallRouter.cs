using Appliance.Configuration.Model;
using Appliance.Configuration.Store;

namespace Appliance.Conversation.Routing;

/// <summary>
/// Picks the agent for an inbound call from the called number (the Request-URI or To user), the way
/// the numbers collection maps it, and applies the number's and agent's rules: outbound-only
/// numbers, inactive agents, and inbound_rollout with its forward number.
/// </summary>
public sealed class CallRouter(ConfigurationStore store, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;

    public RouteDecision Route(string? calledNumber)
    {
        var number = FindNumber(calledNumber);
        if (number is null)
        {
            // Unknown numbers go to the agent named "default" in the main project, else the built-in one.
            var fallback = store.FindAgent(Projects.Default, DefaultAgent.Name);
            return fallback is not null
                ? AgentDecision(fallback, $"no number {calledNumber} configured: default agent")
                : new RouteDecision.Answer(DefaultAgent.Create(), $"no number {calledNumber} configured: built-in default agent");
        }
        if (!number.Active)
        {
            return new RouteDecision.Refuse(480, $"number {number.Number} is not active");
        }
        if (number.OutboundOnly)
        {
            return new RouteDecision.Refuse(403, $"number {number.Number} is outbound-only");
        }
        if (number.AgentId is null || store.GetAgent(number.AgentId) is not { } agent)
        {
            return new RouteDecision.Refuse(404, $"number {number.Number} has no inbound agent");
        }
        return AgentDecision(agent, $"number {number.Number}");
    }

    private RouteDecision AgentDecision(Agent agent, string why)
    {
        switch (agent.Status)
        {
            case AgentStatuses.Cancelled:
                return new RouteDecision.Refuse(403, $"agent '{agent.Name}' is cancelled");
            case AgentStatuses.Inactive or AgentStatuses.Pending:
                return new RouteDecision.Refuse(480, $"agent '{agent.Name}' is {agent.Status}");
        }
        if (agent.InboundRollout < 1 && agent.InboundRolloutForwardPhoneNumber is { } forward && _random.NextDouble() >= agent.InboundRollout)
        {
            return new RouteDecision.Forward(agent, forward, $"{why}: outside inbound_rollout {agent.InboundRollout}");
        }
        return new RouteDecision.Answer(agent, why);
    }

    /// <summary>Matches "+15551234567", "15551234567" or "5551234567" style users against stored E.164 numbers.</summary>
    private PhoneNumber? FindNumber(string? called)
    {
        if (string.IsNullOrEmpty(called))
        {
            return null;
        }
        return store.FindPhoneNumber(called) ?? (called.StartsWith('+') ? null : store.FindPhoneNumber("+" + called));
    }
}

using Appliance.Configuration.Model;

namespace Appliance.Conversation.Routing;

/// <summary>What to do with an inbound call, decided before it is answered.</summary>
public abstract record RouteDecision(string Reason)
{
    /// <summary>Answer with this agent.</summary>
    public sealed record Answer(Agent Agent, string Reason) : RouteDecision(Reason);

    /// <summary>Do not take the call: forward it (302) to this E.164 number (inbound_rollout).</summary>
    public sealed record Forward(Agent Agent, string Target, string Reason) : RouteDecision(Reason);

    /// <summary>Refuse with a SIP status (403, 404, 480, 486, 503) and a reason for the call log.</summary>
    public sealed record Refuse(int StatusCode, string Reason) : RouteDecision(Reason);
}

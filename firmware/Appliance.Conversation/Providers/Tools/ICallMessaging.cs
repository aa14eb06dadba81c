namespace Appliance.Conversation.Providers.Tools;

/// <summary>
/// What the message tools do for the call; the call session implements it. Arguments arrive
/// validated (see <see cref="BuiltInTools"/>).
/// </summary>
public interface ICallMessaging
{
    /// <summary>Records the caller's message into the call record and e-mails it when the box can.</summary>
    Task<ToolOutcome> TakeMessageAsync(string? callerName, string callbackNumber, string message, CancellationToken cancellationToken);

    /// <param name="to">One of the agent's notification addresses, or null for all of them.</param>
    Task<ToolOutcome> SendEmailAsync(string? to, string subject, string body, CancellationToken cancellationToken);
}

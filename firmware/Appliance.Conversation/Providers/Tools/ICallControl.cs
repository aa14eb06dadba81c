namespace Appliance.Conversation.Providers.Tools;

/// <summary>
/// What the built-in tools do to the call; the call session implements it. Arguments arrive
/// validated (see <see cref="BuiltInTools"/>).
/// </summary>
public interface ICallControl
{
    /// <param name="target">Transfer number or rule name from the agent's transfer settings.</param>
    /// <param name="warm">Warm: introduce the caller first; cold: blind transfer.</param>
    Task<ToolOutcome> TransferAsync(string target, bool warm, CancellationToken cancellationToken);

    Task<ToolOutcome> EndConversationAsync(string? reason, CancellationToken cancellationToken);

    /// <param name="digits">0-9, *, #, A-D.</param>
    Task<ToolOutcome> SendDtmfAsync(string digits, CancellationToken cancellationToken);

    /// <summary>Lets the caller type on the keypad; the outcome's detail holds the digits.</summary>
    Task<ToolOutcome> CollectKeypadInputAsync(int maxDigits, CancellationToken cancellationToken);

    /// <summary>The conversation has come to its natural end: say goodbye and hang up.</summary>
    Task<ToolOutcome> NaturalEndingAsync(CancellationToken cancellationToken);

    /// <summary>Speaks and listens in <paramref name="language"/> from the next turn; refused unless it is one of the agent's languages.</summary>
    Task<ToolOutcome> SwitchLanguageAsync(string language, CancellationToken cancellationToken);
}

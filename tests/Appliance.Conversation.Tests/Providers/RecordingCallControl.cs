using Appliance.Conversation.Providers.Tools;

namespace Appliance.Conversation.Tests.Providers;

/// <summary>Hand-written fake of the call session's side of the built-in tools.</summary>
internal sealed class RecordingCallControl : ICallControl
{
    public List<string> Actions { get; } = [];

    public Task<ToolOutcome> TransferAsync(string target, bool warm, CancellationToken cancellationToken) =>
        Record($"transfer {target} warm={warm}");

    public Task<ToolOutcome> EndConversationAsync(string? reason, CancellationToken cancellationToken) => Record($"end {reason}");

    public Task<ToolOutcome> SendDtmfAsync(string digits, CancellationToken cancellationToken) => Record($"dtmf {digits}");

    public Task<ToolOutcome> CollectKeypadInputAsync(int maxDigits, CancellationToken cancellationToken) => Record($"keypad {maxDigits}", "4321");

    public Task<ToolOutcome> NaturalEndingAsync(CancellationToken cancellationToken) => Record("natural ending");

    public Task<ToolOutcome> SwitchLanguageAsync(string language, CancellationToken cancellationToken) => Record($"language {language}");

    private Task<ToolOutcome> Record(string action, string detail = "done")
    {
        Actions.Add(action);
        return Task.FromResult(new ToolOutcome(true, detail));
    }
}

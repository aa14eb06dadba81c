using System.ComponentModel;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Appliance.Conversation.Providers.Tools;

/// <summary>
/// The tools every agent has, as LLM function declarations bound to the call's <see cref="ICallControl"/>.
/// The model's arguments are checked here: a malformed call gets a refusal the model can read,
/// never an exception and never a call-control action.
/// </summary>
public static partial class BuiltInTools
{
    public const string TransferCall = "transfer_call";
    public const string EndConversation = "end_conversation";
    public const string SendDtmf = "send_dtmf";
    public const string KeypadInput = "keypad_input";
    public const string NaturalConversationEnding = "natural_conversation_ending";

    public static JsonSerializerOptions SerializerOptions { get; } = ToolJsonContext.Default.Options;

    public static IReadOnlyList<AIFunction> Create(ICallControl call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return
        [
            AIFunctionFactory.Create(
                ([Description("Transfer number or transfer rule name")] string target,
                 [Description("true to introduce the caller first (warm), false for a blind transfer")] bool warm,
                 CancellationToken token) =>
                    IsTarget(target) ? call.TransferAsync(target, warm, token) : Refuse("target must be a number or rule name"),
                Options(TransferCall, "Transfers the caller to a person or department.")),
            AIFunctionFactory.Create(
                ([Description("Why the conversation ends")] string? reason, CancellationToken token) =>
                    call.EndConversationAsync(reason is { Length: > 200 } ? reason[..200] : reason, token),
                Options(EndConversation, "Ends the call after the agent's last words.")),
            AIFunctionFactory.Create(
                ([Description("Digits to send: 0-9, *, #, A-D")] string digits, CancellationToken token) =>
                    DtmfDigits().IsMatch(digits) ? call.SendDtmfAsync(digits.ToUpperInvariant(), token) : Refuse("digits must be 1-32 of 0-9 * # A-D"),
                Options(SendDtmf, "Sends DTMF tones on the line, e.g. to navigate a phone menu.")),
            AIFunctionFactory.Create(
                ([Description("Most digits to collect, 1-32")] int maxDigits, CancellationToken token) =>
                    maxDigits is >= 1 and <= 32 ? call.CollectKeypadInputAsync(maxDigits, token) : Refuse("maxDigits must be 1-32"),
                Options(KeypadInput, "Asks the caller to type digits on the keypad and returns them.")),
            AIFunctionFactory.Create(
                (CancellationToken token) => call.NaturalEndingAsync(token),
                Options(NaturalConversationEnding, "Signals that the conversation has naturally come to an end.")),
        ];
    }

    private static AIFunctionFactoryOptions Options(string name, string description) =>
        new() { Name = name, Description = description, SerializerOptions = SerializerOptions };

    private static Task<ToolOutcome> Refuse(string why) => Task.FromResult(ToolOutcome.Rejected(why));

    private static bool IsTarget(string target) => TransferTarget().IsMatch(target);

    [GeneratedRegex("^[0-9*#A-Da-d]{1,32}$")]
    private static partial Regex DtmfDigits();

    [GeneratedRegex("^[+]?[0-9A-Za-z_.@ -]{1,64}$")]
    private static partial Regex TransferTarget();
}

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
    public const string WarmTransfer = "warm_transfer";
    public const string TakeMessage = "take_message";
    public const string SendEmail = "send_email";
    public const string SwitchLanguage = "switch_language";
    public const int MaxMessageChars = 2000;
    public const int MaxSubjectChars = 200;
    public const int MaxEmailChars = 5000;

    public static JsonSerializerOptions SerializerOptions { get; } = ToolJsonContext.Default.Options;

    /// <param name="messaging">The message tools (take_message, send_email); left out when null.</param>
    public static IReadOnlyList<AIFunction> Create(ICallControl call, ICallMessaging? messaging = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        List<AIFunction> tools =
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
            AIFunctionFactory.Create(
                ([Description("Transfer number or transfer rule name")] string target, CancellationToken token) =>
                    IsTarget(target) ? call.TransferAsync(target, true, token) : Refuse("target must be a number or rule name"),
                Options(WarmTransfer, "Introduces the caller to a person first, then connects them (warm transfer).")),
            AIFunctionFactory.Create(
                ([Description("BCP-47 language code, e.g. en, es, fr-CA")] string language, CancellationToken token) =>
                    LanguageTag().IsMatch(language ?? "") ? call.SwitchLanguageAsync(language!, token) : Refuse("language must be a BCP-47 code such as en or fr-CA"),
                Options(SwitchLanguage, "Speaks and listens in another of the agent's languages from the next turn.")),
        ];
        if (messaging is not null)
        {
            tools.Add(AIFunctionFactory.Create(
                ([Description("Number to call back, digits with optional +")] string callbackNumber,
                 [Description("The caller's message, in their words")] string message,
                 CancellationToken token,
                 [Description("The caller's name, if given")] string? callerName = null) =>
                    CheckMessage(callerName, callbackNumber, message) is { } why
                        ? Refuse(why)
                        : messaging.TakeMessageAsync(callerName?.Trim(), callbackNumber.Trim(), message.Trim(), token),
                Options(TakeMessage, "Records the caller's message and callback number for the team.")));
            tools.Add(AIFunctionFactory.Create(
                ([Description("Subject line")] string subject,
                 [Description("Plain-text body")] string body,
                 CancellationToken token,
                 [Description("One of the configured notification addresses; omit for all of them")] string? to = null) =>
                    CheckEmail(subject, body) is { } why ? Refuse(why) : messaging.SendEmailAsync(to?.Trim(), subject.Trim(), body, token),
                Options(SendEmail, "Sends an e-mail to the business's notification addresses.")));
        }
        return tools;
    }

    private static string? CheckMessage(string? callerName, string callbackNumber, string message) =>
        callerName is { Length: > 100 } ? "callerName must be at most 100 characters"
        : !CallbackNumber().IsMatch(callbackNumber ?? "") ? "callbackNumber must be 3-32 digits, with optional + ( ) - and spaces"
        : string.IsNullOrWhiteSpace(message) || message.Length > MaxMessageChars ? $"message must be 1-{MaxMessageChars} characters"
        : null;

    private static string? CheckEmail(string subject, string body) =>
        string.IsNullOrWhiteSpace(subject) || subject.Length > MaxSubjectChars || subject.AsSpan().ContainsAny('\r', '\n')
            ? $"subject must be one line of 1-{MaxSubjectChars} characters"
        : string.IsNullOrWhiteSpace(body) || body.Length > MaxEmailChars ? $"body must be 1-{MaxEmailChars} characters"
        : null;

    private static AIFunctionFactoryOptions Options(string name, string description) =>
        new() { Name = name, Description = description, SerializerOptions = SerializerOptions };

    private static Task<ToolOutcome> Refuse(string why) => Task.FromResult(ToolOutcome.Rejected(why));

    private static bool IsTarget(string target) => TransferTarget().IsMatch(target);

    [GeneratedRegex("^[0-9*#A-Da-d]{1,32}$")]
    private static partial Regex DtmfDigits();

    [GeneratedRegex("^[+]?[0-9A-Za-z_.@ -]{1,64}$")]
    private static partial Regex TransferTarget();

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex("^[+]?[0-9][0-9 ()-]{2,31}$")]
    private static partial Regex CallbackNumber();
}

using Appliance.Configuration.Model;

namespace Appliance.Conversation.Routing;

/// <summary>
/// The agent of the embedded default: it answers calls to numbers nobody configured, so a box with
/// no setup still picks up, takes a message (recorded) and ends the call politely. With no cloud
/// provider configured it runs entirely on the box (espeak-ng voice, scripted message taking).
/// </summary>
public static class DefaultAgent
{
    public const string Name = "default";

    public static Agent Create() => new()
    {
        Id = "builtin-default",
        Name = Name,
        DisplayName = "Default message taker",
        AgentType = AgentTypes.MessageTaker,
        SystemPrompt = "You answer the phone for a small business that has not set up its assistant yet. " +
                       "Take a message: the caller's name, a callback number and what it is about. Then say goodbye.",
        WelcomeMessage = "Hello, thanks for calling. Nobody can take your call right now, but I can take a message.",
        RecordingEnabled = true,
        VoiceId = "en-us",
        NoInputPokeSec = 10,
        NoInputEndConversationSec = 30,
        Tools = [BuiltInTools.EndConversation],
    };
}

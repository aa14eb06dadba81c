using Appliance.Conversation.Providers.Local;
using Microsoft.Extensions.AI;

namespace Appliance.Conversation.Tests.Providers;

public sealed class MessageTakerTests
{
    private readonly MessageTakerChatClient _taker = new();
    private readonly List<ChatMessage> _history = [];

    private async Task<ChatResponse> Turn(string callerSaid)
    {
        if (_history.Count > 0 || callerSaid.Length > 0)
        {
            _history.Add(new ChatMessage(ChatRole.User, callerSaid));
        }

        var response = await _taker.GetStreamingResponseAsync(_history).ToChatResponseAsync();
        _history.AddRange(response.Messages);
        return response;
    }

    private static bool Ends(ChatResponse response) =>
        response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Any(c => c.Name == MessageTakerChatClient.EndConversationTool);

    [Fact]
    public async Task Takes_name_number_and_message_confirms_and_ends_the_call()
    {
        var greeting = await Turn("");
        Assert.StartsWith("Hello, thank you for calling.", greeting.Text, StringComparison.Ordinal);
        Assert.Contains("your name", greeting.Text, StringComparison.Ordinal);
        Assert.Contains("Ada Lovelace", (await Turn("Ada Lovelace")).Text, StringComparison.Ordinal);
        Assert.Contains("message", (await Turn("it's 0 7 7 0 0, 900 123")).Text, StringComparison.Ordinal);
        var confirm = await Turn("The boiler is leaking again");
        Assert.Contains("from Ada Lovelace, on 07700900123: The boiler is leaking again", confirm.Text, StringComparison.Ordinal);
        Assert.False(Ends(confirm));

        var goodbye = await Turn("yes that's right");

        Assert.Contains("Goodbye", goodbye.Text, StringComparison.Ordinal);
        Assert.True(Ends(goodbye));
        Assert.Equal(new TakenMessage("Ada Lovelace", "07700900123", "The boiler is leaking again"), _taker.Taken);
    }

    [Fact]
    public async Task A_no_at_confirmation_asks_for_the_message_again()
    {
        await Turn("");
        await Turn("Bob");
        await Turn("555 1234");
        await Turn("Call me");
        Assert.Contains("again", (await Turn("no, that's wrong")).Text, StringComparison.Ordinal);
        Assert.Contains("Call me tomorrow", (await Turn("Call me tomorrow")).Text, StringComparison.Ordinal);
        Assert.Equal("Call me tomorrow", _taker.Taken.Message);
    }

    [Fact]
    public async Task Without_transcripts_it_still_walks_the_script_and_relies_on_the_recording()
    {
        // The LLM failed mid-call: the history already has the agent speaking, so no new greeting.
        _history.Add(new ChatMessage(ChatRole.Assistant, "Hi, how can I help?"));
        var first = await Turn("");
        Assert.DoesNotContain("Hello", first.Text, StringComparison.Ordinal);
        await Turn("");
        await Turn("");

        var last = await Turn("");

        Assert.Contains("recorded", last.Text, StringComparison.Ordinal);
        Assert.True(Ends(last));
        Assert.Equal(new TakenMessage(null, null, null), _taker.Taken);
    }
}

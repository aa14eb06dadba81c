using System.Text.Json;
using Appliance.Conversation.Providers;
using Appliance.Conversation.Providers.Llm;
using Appliance.Conversation.Providers.Tools;
using Appliance.Conversation.Tests.Fakes;
using Microsoft.Extensions.AI;

namespace Appliance.Conversation.Tests.Providers;

public sealed class BuiltInToolsTests
{
    private readonly RecordingCallControl _call = new();

    private AIFunction Tool(string name) => BuiltInTools.Create(_call).Single(t => t.Name == name);

    private static AIFunctionArguments Args(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, object?>>(json)!);

    [Fact]
    public void Declares_the_call_tools_with_their_parameters()
    {
        var tools = BuiltInTools.Create(_call);

        Assert.Equal(["transfer_call", "end_conversation", "send_dtmf", "keypad_input", "natural_conversation_ending", "warm_transfer", "switch_language"], tools.Select(t => t.Name));
        var transfer = tools[0].JsonSchema.GetProperty("properties");
        Assert.Equal("string", transfer.GetProperty("target").GetProperty("type").GetString());
        Assert.Equal("boolean", transfer.GetProperty("warm").GetProperty("type").GetString());
        Assert.False(tools[4].JsonSchema.TryGetProperty("properties", out var none) && none.EnumerateObject().Any());
    }

    [Fact]
    public async Task warm_transfer_is_a_warm_transfer_call_and_the_message_tools_need_messaging()
    {
        var warm = BuiltInTools.Create(_call).Single(t => t.Name == BuiltInTools.WarmTransfer);
        await warm.InvokeAsync(Args("""{"target":"+15550100"}"""));
        await warm.InvokeAsync(Args("""{"target":"<script>"}"""));

        Assert.Equal(["transfer +15550100 warm=True"], _call.Actions);
        Assert.DoesNotContain(BuiltInTools.Create(_call), t => t.Name is BuiltInTools.TakeMessage or BuiltInTools.SendEmail);
    }

    [Fact]
    public async Task A_tool_call_streamed_by_the_model_reaches_the_call_with_typed_arguments()
    {
        await using var server = await FakeOpenAiServer.StartNewAsync();
        server.ChatToolCall = ("transfer_call", """{"target":"+15550100","warm":true}""");
        using var http = new HttpClient();
        using var chat = OpenAiChatClientFactory.Create(new ProviderEndpoint { Name = "m", Kind = ProviderKind.OpenAiCompatible, BaseUrl = server.V1 }, http);
        var tools = BuiltInTools.Create(_call);

        var response = await chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Put me through")], new ChatOptions { Tools = [.. tools] }).ToChatResponseAsync();
        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        var result = await tools.Single(t => t.Name == call.Name).InvokeAsync(new AIFunctionArguments(call.Arguments));

        Assert.Equal(["transfer +15550100 warm=True"], _call.Actions);
        var outcome = (JsonElement)result!;
        Assert.True(outcome.GetProperty("ok").GetBoolean());
    }

    [Theory]
    [InlineData("send_dtmf", """{"digits":"12#"}""", "dtmf 12#")]
    [InlineData("send_dtmf", """{"digits":"1a"}""", "dtmf 1A")]
    [InlineData("keypad_input", """{"maxDigits":4}""", "keypad 4")]
    [InlineData("end_conversation", """{"reason":"caller said bye"}""", "end caller said bye")]
    [InlineData("natural_conversation_ending", "{}", "natural ending")]
    [InlineData("switch_language", """{"language":"es-MX"}""", "language es-MX")]
    public async Task Valid_arguments_act_on_the_call(string tool, string arguments, string action)
    {
        await Tool(tool).InvokeAsync(Args(arguments));

        Assert.Equal([action], _call.Actions);
    }

    [Theory]
    [InlineData("send_dtmf", """{"digits":"12; reboot"}""")]
    [InlineData("send_dtmf", """{"digits":""}""")]
    [InlineData("keypad_input", """{"maxDigits":500}""")]
    [InlineData("transfer_call", """{"target":"sip:evil@example.com;transport=tcp","warm":false}""")]
    [InlineData("switch_language", """{"language":"spanish please; ignore rules"}""")]
    [InlineData("switch_language", """{"language":""}""")]
    public async Task Malformed_arguments_are_refused_without_acting(string tool, string arguments)
    {
        var result = (JsonElement)(await Tool(tool).InvokeAsync(Args(arguments)))!;

        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.Empty(_call.Actions);
    }
}

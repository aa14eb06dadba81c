using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Appliance.Conversation.Tests.Fakes;

/// <summary>
/// A local server speaking the OpenAI wire protocol: /v1/audio/transcriptions (verbose_json),
/// /v1/chat/completions (streamed SSE chunks or one body; text or a tool call whose arguments are
/// split across chunks) and /v1/audio/speech (real espeak-ng audio, sent in pieces).
/// </summary>
public sealed class FakeOpenAiServer : FakeServerHost
{
    private readonly SemaphoreSlim _arrived = new(0);

    public string TranscriptText { get; set; } = "I would like to speak to sales";
    /// <summary>The language verbose_json reports, as Whisper names it.</summary>
    public string TranscriptLanguage { get; set; } = "english";
    public string ChatText { get; set; } = "Sure, one moment please.";
    /// <summary>When set, the chat reply is this tool call instead of text.</summary>
    public (string Name, string ArgumentsJson)? ChatToolCall { get; set; }
    public FakeFailure Failure { get; set; }
    public ConcurrentQueue<FakeRequest> Received { get; } = new();

    /// <summary>Streamed chat replies used in order, one per request; when empty, ChatText / ChatToolCall answer.</summary>
    public ConcurrentQueue<FakeChatReply> ChatScript { get; } = new();

    public static async Task<FakeOpenAiServer> StartNewAsync()
    {
        var server = new FakeOpenAiServer();
        await server.StartAsync();
        return server;
    }

    public Uri V1 => new(BaseAddress, "v1/");

    /// <summary>Waits until a request has reached a handler (e.g. before advancing a fake clock).</summary>
    public async Task WaitForRequestAsync() => Assert.True(await _arrived.WaitAsync(TimeSpan.FromSeconds(10)), "no request arrived");

    protected override void Map(WebApplication app)
    {
        app.MapPost("/v1/audio/transcriptions", TranscribeAsync);
        app.MapPost("/v1/chat/completions", ChatAsync);
        app.MapPost("/v1/audio/speech", SpeechAsync);
    }

    private async Task TranscribeAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var file = form.Files["file"];
        Received.Enqueue(new FakeRequest(context.Request.Path, context.Request.Headers.Authorization, "", form.ToDictionary(f => f.Key, f => f.Value.ToString()))
        {
            FileBytes = (int)(file?.Length ?? 0),
        });
        if (await FailAsync(context, streamed: false))
        {
            return;
        }

        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["task"] = "transcribe",
            ["language"] = TranscriptLanguage,
            ["text"] = TranscriptText,
            ["segments"] = new JsonArray(new JsonObject { ["avg_logprob"] = -0.1 }, new JsonObject { ["avg_logprob"] = -0.3 }),
        });
    }

    private async Task ChatAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        Received.Enqueue(new FakeRequest(context.Request.Path, context.Request.Headers.Authorization, body, new Dictionary<string, string>()));
        var streamed = JsonNode.Parse(body)?["stream"]?.GetValue<bool>() == true;
        if (await FailAsync(context, streamed))
        {
            return;
        }

        if (!streamed)
        {
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["id"] = "chatcmpl-1", ["object"] = "chat.completion", ["created"] = 0, ["model"] = "fake",
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0, ["finish_reason"] = "stop",
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = ChatText },
                }),
            });
            return;
        }

        var reply = ChatScript.TryDequeue(out var next) ? next : new FakeChatReply(ChatText, ChatToolCall);
        context.Response.ContentType = "text/event-stream";
        foreach (var delta in Deltas(reply))
        {
            await WriteEventAsync(context, Chunk(delta.Delta, delta.Finish));
        }

        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static IEnumerable<(JsonObject Delta, string? Finish)> Deltas(FakeChatReply reply)
    {
        yield return (new JsonObject { ["role"] = "assistant", ["content"] = "" }, null);
        if (reply.ToolCall is { } call)
        {
            // The arguments arrive in three pieces, as real servers stream them.
            var args = call.ArgumentsJson;
            var third = Math.Max(1, args.Length / 3);
            string[] pieces = [args[..third], args[third..(2 * third)], args[(2 * third)..]];
            for (var i = 0; i < pieces.Length; i++)
            {
                var function = new JsonObject { ["arguments"] = pieces[i] };
                var toolCall = new JsonObject { ["index"] = 0, ["function"] = function };
                if (i == 0)
                {
                    toolCall["id"] = "call_1";
                    toolCall["type"] = "function";
                    function["name"] = call.Name;
                }

                yield return (new JsonObject { ["tool_calls"] = new JsonArray(toolCall) }, null);
            }

            yield return (new JsonObject(), "tool_calls");
            yield break;
        }

        foreach (var word in reply.Text.Split(' '))
        {
            yield return (new JsonObject { ["content"] = word + " " }, null);
        }

        yield return (new JsonObject(), "stop");
    }

    private static JsonObject Chunk(JsonObject delta, string? finish) => new()
    {
        ["id"] = "chatcmpl-1", ["object"] = "chat.completion.chunk", ["created"] = 0, ["model"] = "fake",
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
    };

    private static async Task WriteEventAsync(HttpContext context, JsonObject chunk)
    {
        await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n");
        await context.Response.Body.FlushAsync();
    }

    private async Task SpeechAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        Received.Enqueue(new FakeRequest(context.Request.Path, context.Request.Headers.Authorization, body, new Dictionary<string, string>()));
        if (await FailAsync(context, streamed: true))
        {
            return;
        }

        var request = JsonNode.Parse(body)!;
        var wav = await Espeak.WavAsync(request["input"]!.GetValue<string>());
        var raw = request["response_format"]?.GetValue<string>() == "pcm";
        var audio = raw ? wav.AsMemory(44) : wav.AsMemory();
        context.Response.ContentType = raw ? "audio/pcm" : "audio/wav";
        // Pieces of odd sizes, flushed one by one, so the client reads a real stream.
        for (var offset = 0; offset < audio.Length; offset += 4001)
        {
            await context.Response.Body.WriteAsync(audio[offset..Math.Min(audio.Length, offset + 4001)]);
            await context.Response.Body.FlushAsync();
        }
    }

    /// <summary>Plays the configured failure; true when the request has been dealt with.</summary>
    private async Task<bool> FailAsync(HttpContext context, bool streamed)
    {
        _arrived.Release();
        switch (Failure)
        {
            case FakeFailure.ServerError:
                context.Response.StatusCode = 500;
                await context.Response.WriteAsync("{\"error\":{\"message\":\"boom\"}}");
                return true;
            case FakeFailure.Hang:
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return true;
            case FakeFailure.StallMidStream when streamed:
                if (context.Request.Path.Value!.Contains("chat", StringComparison.Ordinal))
                {
                    context.Response.ContentType = "text/event-stream";
                    await WriteEventAsync(context, Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "Let me " }, null));
                }
                else
                {
                    await context.Response.Body.WriteAsync((await Espeak.WavAsync("cut off")).AsMemory(0, 8000));
                    await context.Response.Body.FlushAsync();
                }

                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return true;
            default:
                return false;
        }
    }
}

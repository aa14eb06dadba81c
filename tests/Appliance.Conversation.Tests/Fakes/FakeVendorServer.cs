using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Appliance.Conversation.Tests.Fakes;

/// <summary>
/// Speaks the documented wire formats of Deepgram (pre-recorded /v1/listen), Cartesia (/tts/bytes,
/// raw PCM) and ElevenLabs (/v1/text-to-speech/{voice}/stream, pcm_16000), with real espeak-ng audio.
/// </summary>
public sealed class FakeVendorServer : FakeServerHost
{
    public string Transcript { get; set; } = "book a table for two";
    public ConcurrentQueue<(string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body, int BodyBytes)> Received { get; } = new();

    public static async Task<FakeVendorServer> StartNewAsync()
    {
        var server = new FakeVendorServer();
        await server.StartAsync();
        return server;
    }

    protected override void Map(WebApplication app)
    {
        app.MapPost("/v1/listen", ListenAsync);
        app.MapPost("/tts/bytes", CartesiaAsync);
        app.MapPost("/v1/text-to-speech/{voice}/stream", ElevenLabsAsync);
    }

    private async Task<string> RecordAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var text = context.Request.ContentType?.StartsWith("audio", StringComparison.Ordinal) == true ? "" : System.Text.Encoding.UTF8.GetString(body.ToArray());
        // Kestrel reuses the header collection after the response: keep a copy.
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Received.Enqueue((context.Request.Path + context.Request.QueryString, headers, text, (int)body.Length));
        return text;
    }

    private async Task ListenAsync(HttpContext context)
    {
        await RecordAsync(context);
        if (context.Request.Headers.Authorization.ToString() != "Token dg-key")
        {
            context.Response.StatusCode = 401;
            return;
        }

        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["metadata"] = new JsonObject { ["request_id"] = "r1", ["duration"] = 1.0 },
            ["results"] = new JsonObject
            {
                ["channels"] = new JsonArray(new JsonObject
                {
                    ["detected_language"] = "en",
                    ["alternatives"] = new JsonArray(new JsonObject { ["transcript"] = Transcript, ["confidence"] = 0.93, ["words"] = new JsonArray() }),
                }),
            },
        });
    }

    private async Task CartesiaAsync(HttpContext context)
    {
        var request = JsonNode.Parse(await RecordAsync(context))!;
        var rate = request["output_format"]!["sample_rate"]!.GetValue<int>();
        context.Response.ContentType = "application/octet-stream";
        await WritePiecesAsync(context, await Espeak.RawPcmAsync(request["transcript"]!.GetValue<string>(), rate));
    }

    private async Task ElevenLabsAsync(HttpContext context)
    {
        var request = JsonNode.Parse(await RecordAsync(context))!;
        if (context.Request.Query["output_format"] != "pcm_16000")
        {
            context.Response.StatusCode = 422;
            return;
        }

        context.Response.ContentType = "audio/pcm";
        await WritePiecesAsync(context, await Espeak.RawPcmAsync(request["text"]!.GetValue<string>(), 16000));
    }

    private static async Task WritePiecesAsync(HttpContext context, byte[] audio)
    {
        for (var offset = 0; offset < audio.Length; offset += 3001)
        {
            await context.Response.Body.WriteAsync(audio.AsMemory(offset, Math.Min(3001, audio.Length - offset)));
            await context.Response.Body.FlushAsync();
        }
    }
}

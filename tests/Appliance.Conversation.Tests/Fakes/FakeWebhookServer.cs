using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Appliance.Conversation.Tests.Fakes;

/// <summary>An agent's webhook: records what it was sent and answers in the configured way.</summary>
public sealed class FakeWebhookServer : FakeServerHost
{
    private readonly SemaphoreSlim _arrived = new(0);

    /// <summary>Content type and the pieces of the body, each flushed on its own.</summary>
    public (string ContentType, string[] Pieces) Reply { get; set; } = ("application/json", ["{\"text\":\"Hello from the webhook\"}"]);
    public FakeFailure Failure { get; set; }
    public ConcurrentQueue<(string Body, string? Signature, string Method, string Query)> Received { get; } = new();

    public Uri Url => new(BaseAddress, "hook");

    public static async Task<FakeWebhookServer> StartNewAsync()
    {
        var server = new FakeWebhookServer();
        await server.StartAsync();
        return server;
    }

    public async Task WaitForRequestAsync() => Assert.True(await _arrived.WaitAsync(TimeSpan.FromSeconds(10)), "no request arrived");

    protected override void Map(WebApplication app) => app.Map("/hook", HandleAsync);

    private async Task HandleAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        Received.Enqueue((body, context.Request.Headers["X-Appliance-Signature"].FirstOrDefault(), context.Request.Method, context.Request.QueryString.Value ?? ""));
        _arrived.Release();
        switch (Failure)
        {
            case FakeFailure.ServerError:
                context.Response.StatusCode = 502;
                return;
            case FakeFailure.Hang:
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
        }

        context.Response.ContentType = Reply.ContentType;
        foreach (var piece in Reply.Pieces)
        {
            await context.Response.WriteAsync(piece);
            await context.Response.Body.FlushAsync();
        }
    }
}

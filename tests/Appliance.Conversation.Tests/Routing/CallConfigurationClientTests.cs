using System.Text.Json.Nodes;
using Appliance.Configuration.Model;
using Appliance.Conversation.Routing;
using Appliance.Conversation.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Conversation.Tests.Routing;

/// <summary>configuration_endpoint against a real HTTP server on 127.0.0.1.</summary>
public sealed class CallConfigurationClientTests : IAsyncDisposable
{
    private readonly ConfigServer _server = new();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private Agent AgentFor(string path) => new()
    {
        Id = "a1", Name = "front", WelcomeMessage = "Stored welcome",
        ConfigurationEndpoint = new ConfigurationEndpoint { Url = new Uri(_server.BaseAddress, path).ToString(), TimeoutMs = 500, Headers = { ["X-Key"] = "k1" } },
    };

    private static CallConfigurationClient Client() => new(new HttpClient(), TimeProvider.System, NullLogger.Instance);

    [Fact]
    public async Task Per_call_settings_and_variables_apply_to_this_call_only()
    {
        await _server.StartOnceAsync();
        var stored = AgentFor("good");
        var (agent, variables) = await Client().ApplyAsync(stored, "call-9", "+15550001", "+15550002", CancellationToken.None);
        Assert.Equal("Hi {{customer_name}} from the endpoint", agent.WelcomeMessage);
        Assert.Equal("Ana", variables["customer_name"]);
        Assert.Equal("Hi Ana from the endpoint", Appliance.Configuration.Validation.TemplateText.Fill(agent.WelcomeMessage, variables));
        Assert.Equal("Stored welcome", stored.WelcomeMessage);
        var request = JsonNode.Parse(_server.LastBody!)!;
        Assert.Equal("call-9", request["call_id"]!.GetValue<string>());
        Assert.Equal("+15550001", request["from_phone_number"]!.GetValue<string>());
        Assert.Equal("k1", _server.LastKey);
    }

    [Theory]
    [InlineData("invalid")]
    [InlineData("error")]
    [InlineData("slow")]
    [InlineData("garbage")]
    public async Task Bad_answers_are_ignored_and_the_stored_agent_is_used(string path)
    {
        await _server.StartOnceAsync();
        var stored = AgentFor(path);
        var (agent, variables) = await Client().ApplyAsync(stored, "call-9", null, null, CancellationToken.None);
        Assert.Same(stored, agent);
        Assert.Empty(variables);
    }

    private sealed class ConfigServer : FakeServerHost
    {
        private bool _started;

        public string? LastBody { get; private set; }
        public string? LastKey { get; private set; }

        public async Task StartOnceAsync()
        {
            if (!_started)
            {
                _started = true;
                await StartAsync();
            }
        }

        protected override void Map(WebApplication app)
        {
            app.MapPost("/good", async (HttpContext c) =>
            {
                LastBody = await new StreamReader(c.Request.Body).ReadToEndAsync();
                LastKey = c.Request.Headers["X-Key"];
                return Results.Text("""{"welcome_message":"Hi {{customer_name}} from the endpoint","template_variables":{"customer_name":"Ana"}}""", "application/json");
            });
            app.MapPost("/invalid", () => Results.Text("""{"audio_speed":9}""", "application/json"));
            app.MapPost("/error", () => Results.StatusCode(500));
            app.MapPost("/slow", async () =>
            {
                await Task.Delay(3000);
                return Results.Text("{}", "application/json");
            });
            app.MapPost("/garbage", () => Results.Text("not json", "application/json"));
        }
    }
}

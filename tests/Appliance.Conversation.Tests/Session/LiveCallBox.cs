using System.Text.Json.Nodes;
using Appliance.Audio.Mixing;
using Appliance.Audio.Vad;
using Appliance.Configuration.Store;
using Appliance.Conversation.Providers;
using Appliance.Conversation.Providers.Fallback;
using Appliance.Conversation.Routing;
using Appliance.Conversation.Session;
using Appliance.Conversation.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Conversation.Tests.Session;

/// <summary>
/// What a live call needs, real but small: a LiteDB store in a temp file with one OpenAI-compatible
/// connection to a fake cloud on 127.0.0.1, the call coordinator on the system clock, a memory line.
/// </summary>
internal sealed class LiveCallBox : IAsyncDisposable
{
    private static readonly SoundLibrary Sounds = new(8000);
    private readonly string _dbPath = Path.Combine(Path.GetTempPath(), "live-" + Guid.NewGuid().ToString("N") + ".db");
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    private LiveCallBox(FakeOpenAiServer cloud)
    {
        Cloud = cloud;
        Store = ConfigurationStore.Open(_dbPath);
        // gpt-4o-mini-tts: the speech model that takes instructions (language, pronunciations).
        Store.CreateConnection(JsonNode.Parse($$"""{"name":"cloud","type":"openai_compatible","base_url":"{{cloud.V1}}","api_key":"k","tts_model":"gpt-4o-mini-tts"}""")!.AsObject());
    }

    public FakeOpenAiServer Cloud { get; }
    public ConfigurationStore Store { get; }
    public MemoryCallLine Line { get; } = new();

    public static async Task<LiveCallBox> StartAsync() => new(await FakeOpenAiServer.StartNewAsync());

    public CallCoordinator Coordinator()
    {
        var services = new CallSessionServices(TimeProvider.System, NullLogger.Instance, _ => new EnergyVad(8000), Sounds, Store.SaveCallRecord);
        var factory = new ProviderChainFactory(_http, new EndpointGuards(TimeProvider.System));
        return new CallCoordinator(Store, factory, services, new CallConfigurationClient(_http, TimeProvider.System, NullLogger.Instance));
    }

    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the call to progress");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Cloud.DisposeAsync();
        Store.Dispose();
        _http.Dispose();
        File.Delete(_dbPath);
    }
}

using Appliance.Conversation.Providers;
using Appliance.Conversation.Providers.Fallback;
using Appliance.Conversation.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Conversation.Tests.Providers;

/// <summary>A primary and a secondary fake cloud, a fake clock, and a call's chains built over them.</summary>
internal sealed class TwoCloudsFixture : IAsyncDisposable
{
    public static readonly TimeSpan FirstResultTimeout = TimeSpan.FromSeconds(2);
    public static readonly EndpointPolicy Policy = new()
    {
        FailuresToBreak = 2,
        BreakDuration = TimeSpan.FromSeconds(30),
        IdleTimeout = TimeSpan.FromSeconds(3),
    };

    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    private TwoCloudsFixture(FakeOpenAiServer primary, FakeOpenAiServer secondary)
    {
        Primary = primary;
        Secondary = secondary;
        Guards = new EndpointGuards(Time, Policy);
        Factory = new ProviderChainFactory(_http, Guards);
    }

    public FakeOpenAiServer Primary { get; }
    public FakeOpenAiServer Secondary { get; }
    public FakeTimeProvider Time { get; } = new();
    public EndpointGuards Guards { get; }
    public ProviderChainFactory Factory { get; }
    public List<StageReport> Reports { get; } = [];

    public static async Task<TwoCloudsFixture> StartAsync() =>
        new(await FakeOpenAiServer.StartNewAsync(), await FakeOpenAiServer.StartNewAsync());

    public ProviderEndpoint Endpoint(string name, FakeOpenAiServer server) => new()
    {
        Name = name, Kind = ProviderKind.OpenAiCompatible, BaseUrl = server.V1, ApiKey = "sk-" + name, Timeout = FirstResultTimeout,
    };

    public IReadOnlyList<ProviderEndpoint> BothClouds => [Endpoint("primary", Primary), Endpoint("secondary", Secondary)];

    public CallProviders NewCall() =>
        Factory.ForCall(new StageEndpoints(BothClouds, BothClouds, BothClouds), report => { lock (Reports) { Reports.Add(report); } });

    public async ValueTask DisposeAsync()
    {
        await Primary.DisposeAsync();
        await Secondary.DisposeAsync();
        _http.Dispose();
    }
}

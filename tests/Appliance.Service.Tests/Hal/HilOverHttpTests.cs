using Appliance.Conversation.Tests.Fakes;
using Appliance.HilRig.Reports;
using Appliance.HilRig.Scenarios;
using Appliance.HilRig.Targets;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Appliance.Service.Tests.Hal;

/// <summary>
/// The tests/Hil scenario files, run by the HIL rig's HTTP target against the running service on the
/// simulated board: the real conversation engine answers (its cloud is a fake OpenAI server), not the
/// rig's tone responder. One box serves every scenario, as one rig serves one device.
/// </summary>
public sealed class HilOverHttpTests(HilOverHttpTests.Box box) : IClassFixture<HilOverHttpTests.Box>
{
    public static TheoryData<string> ScenarioFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Folder).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    private static string Folder => Path.GetDirectoryName(AnalogCallTests.HilAudio("caller-hello.wav"))! + "/..";

    [Theory]
    [MemberData(nameof(ScenarioFiles))]
    public void Scenario_passes_against_the_running_box(string file)
    {
        var runner = new ScenarioRunner(s => new HttpRigTarget(box.Client(), s.Country, s.AnswerAfterRings));
        var result = runner.Run(ScenarioLoader.Load(Path.Combine(Folder, file)));
        Assert.True(result.Passed, TimingReportWriter.Build([result]));
    }

    /// <summary>The box, with a default agent that answers through a fake cloud.</summary>
    public sealed class Box : IAsyncLifetime
    {
        private readonly ApplianceFactory _factory = new();
        private FakeOpenAiServer _cloud = null!;

        public async Task InitializeAsync()
        {
            _cloud = await FakeOpenAiServer.StartNewAsync();
            _cloud.TranscriptText = "Hello, I would like to book a table.";
            _cloud.ChatText = "Of course, for how many people?";
            var api = _factory.Api();
            Assert.Equal(201, (await api.PostAsync("/v1/connections",
                $$"""{"name":"cloud","type":"openai_compatible","base_url":"{{_cloud.V1}}","api_key":"sk-test","model":"gpt-test"}""")).Status);
            // Unknown numbers (the analog line has none configured here) go to the agent named "default".
            // A greeting of several seconds: the scenarios check the agent-speaking LED while it plays,
            // and a loaded CI machine can take a second or two between hearing audio and that check.
            Assert.Equal(201, (await api.PostAsync("/v1/agents?project=main",
                """{"name":"default","welcome_message":"Thanks for calling Acme Plumbing, you are speaking with the virtual assistant. How can I help you today?","interruption_sensitivity":0.2}""")).Status);
        }

        public HttpClient Client()
        {
            var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost/") });
            client.DefaultRequestHeaders.Authorization = new("Bearer", _factory.ApiKey);
            return client;
        }

        public async Task DisposeAsync()
        {
            await _factory.DisposeAsync();
            await _cloud.DisposeAsync();
        }
    }
}

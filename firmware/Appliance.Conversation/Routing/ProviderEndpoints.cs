using Appliance.Configuration.Model;
using Appliance.Conversation.Providers;

namespace Appliance.Conversation.Routing;

/// <summary>
/// Turns the box's enabled provider connections into each stage's ordered endpoints (by priority,
/// lower first). With none, every stage runs in local degraded mode.
/// </summary>
public static class ProviderEndpoints
{
    public static StageEndpoints From(IEnumerable<Connection> connections)
    {
        var stt = new List<(int, ProviderEndpoint)>();
        var llm = new List<(int, ProviderEndpoint)>();
        var tts = new List<(int, ProviderEndpoint)>();
        foreach (var c in connections)
        {
            if (!c.Enabled)
            {
                continue;
            }
            switch (c.Type)
            {
                case "openai" or ConnectionTypes.OpenAiCompatible or "deepseek" or "azure_llm":
                    var openAi = Endpoint(c, ProviderKind.OpenAiCompatible, c.Type == "openai" ? "https://api.openai.com/v1/" : null);
                    llm.Add((c.Priority, openAi));
                    if (c.Type is "openai" or ConnectionTypes.OpenAiCompatible)
                    {
                        stt.Add((c.Priority, openAi with { Model = c.SttModel ?? "whisper-1" }));
                        tts.Add((c.Priority, openAi with { Model = c.TtsModel ?? "tts-1" }));
                    }
                    break;
                case "deepgram":
                    stt.Add((c.Priority, Endpoint(c, ProviderKind.Deepgram, "https://api.deepgram.com/")));
                    break;
                case "cartesia":
                    tts.Add((c.Priority, Endpoint(c, ProviderKind.Cartesia, "https://api.cartesia.ai/")));
                    break;
                case "elevenlabs":
                    tts.Add((c.Priority, Endpoint(c, ProviderKind.ElevenLabs, "https://api.elevenlabs.io/")));
                    break;
            }
        }
        return new StageEndpoints(Ordered(stt), Ordered(llm), Ordered(tts));
    }

    private static ProviderEndpoint Endpoint(Connection c, ProviderKind kind, string? defaultBase) => new()
    {
        Name = c.Name,
        Kind = kind,
        BaseUrl = c.BaseUrl is { } url ? new Uri(url) : defaultBase is null ? null : new Uri(defaultBase),
        ApiKey = c.ApiKey,
        Model = c.Model,
        Voice = c.Voice,
        Timeout = TimeSpan.FromMilliseconds(c.TimeoutMs),
    };

    private static List<ProviderEndpoint> Ordered(List<(int Priority, ProviderEndpoint Endpoint)> list)
    {
        list.Sort((a, b) => a.Priority.CompareTo(b.Priority));
        return list.ConvertAll(e => e.Endpoint);
    }
}

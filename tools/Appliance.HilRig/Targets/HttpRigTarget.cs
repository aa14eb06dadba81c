using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Appliance.Audio.Tones;
using Appliance.Audio.Wav;
using Appliance.Hal;
using Appliance.Hal.CallerId;
using Appliance.Hal.Leds;
using Appliance.Hal.Simulated;

namespace Appliance.HilRig.Targets;

/// <summary>
/// A running box on the simulated board, driven from this process through its authenticated
/// test-mode API (/v1/test/board/*, see docs/hal.md): the box's real conversation engine answers,
/// the scenario plays the exchange and the caller. Runs on wall-clock time (Advance sleeps).
/// On creation it sets the box's line to the scenario's country and ring count; on dispose it
/// clears faults and leaves the line idle for the next scenario.
/// </summary>
public sealed class HttpRigTarget : IRigTarget
{
    private readonly HttpClient _http;
    private readonly DateTimeOffset _created = DateTimeOffset.UtcNow;

    /// <param name="http">A client whose BaseAddress is the box and which sends its API key.</param>
    public HttpRigTarget(HttpClient http, string country, int answerAfterRings)
    {
        _http = http;
        SampleRate = 8000;
        Post("line", new JsonObject { ["country"] = country, ["answer_after_rings"] = answerAfterRings });
    }

    /// <summary>A client for a box at <paramref name="baseUrl"/> with an API key.</summary>
    public static HttpClient Client(Uri baseUrl, string apiKey)
    {
        var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return http;
    }

    public DateTimeOffset Now => DateTimeOffset.UtcNow;

    public int SampleRate { get; }

    public HookState Hook => Board()["hook"]?.GetValue<string>() == "off_hook" ? HookState.OffHook : HookState.OnHook;

    public IReadOnlyList<RigEvent> Events
    {
        get
        {
            var events = new List<RigEvent>();
            foreach (var e in Get("/v1/test/board/events")["events"]!.AsArray())
            {
                var at = DateTimeOffset.Parse(e!["at"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                if (at >= _created)
                {
                    events.Add(new RigEvent(at, e["kind"]!.GetValue<string>(), e["caller_number"]?.GetValue<string>(),
                        e["caller_name"]?.GetValue<string>(), e["reason"]?.GetValue<string>()));
                }
            }
            return events;
        }
    }

    public void Advance(TimeSpan duration) => Thread.Sleep(duration);

    public void Ring(CallerIdInfo? callerId, CallerIdSignal signal, int maxRings) => Post("ring", new JsonObject
    {
        ["caller_number"] = callerId?.Number,
        ["caller_name"] = callerId?.Name,
        ["caller_id"] = signal.ToString().ToLowerInvariant(),
        ["max_rings"] = maxRings,
    });

    public void CallerHangsUp() => Post("hangup", new JsonObject());

    public void CallerHangsUpWithTone(CallProgressTone tone) => Post("hangup", new JsonObject { ["tone"] = tone.ToString().ToLowerInvariant() });

    public void PlayCallerAudio(short[] samples)
    {
        var wav = new MemoryStream();
        WavFile.Write(wav, samples, SampleRate);
        using var content = new ByteArrayContent(wav.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        Check(_http.PostAsync("/v1/test/board/audio", content).GetAwaiter().GetResult());
    }

    public DateTimeOffset? FirstAgentAudioAfter(DateTimeOffset since) =>
        Get("/v1/test/board/agent-audio?since=" + Uri.EscapeDataString(since.ToString("O", CultureInfo.InvariantCulture)))["first_sound_at"]?.GetValue<string>() is { } at
            ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture)
            : null;

    public LedPattern Led(LedId led)
    {
        var key = Snake(led.ToString());
        var pattern = Board()["leds"]?[key]?.GetValue<string>() ?? throw new InvalidOperationException($"the box reports no LED '{key}'");
        return Enum.Parse<LedPattern>(pattern.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);
    }

    public void AgentHangsUp() => Post("agent-hangup", null);

    public void Flash()
    {
        try
        {
            Post("flash", null);
        }
        catch (InvalidOperationException ex)
        {
            // Say what the line was doing: the usual cause is a call that already ended.
            var last = Events.LastOrDefault();
            throw new InvalidOperationException($"{ex.Message} (line {Board()["line_state"]}, last event {last?.Kind} {last?.Reason})", ex);
        }
    }

    public void InjectFault(string kind) => Post("fault", new JsonObject
    {
        ["kind"] = kind switch
        {
            "stickRelay" => "stick_relay",
            "cutLine" => "cut_line",
            "ringDuringCall" => "ring_during_call",
            _ => throw new ArgumentException($"unknown fault '{kind}' (stickRelay, cutLine, ringDuringCall)", nameof(kind)),
        },
    });

    public void Dispose()
    {
        // Leave the box as the next scenario expects it: no fault, no call, loop open, line idle.
        Post("fault", new JsonObject { ["kind"] = "clear" });
        TryPost("agent-hangup");
        Post("hangup", new JsonObject());
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (Board()["line_state"]?.GetValue<string>() != "idle" && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }
        _http.Dispose();
    }

    private JsonObject Board() => Get("/v1/system/board");

    private JsonObject Get(string path)
    {
        using var response = _http.GetAsync(path).GetAwaiter().GetResult();
        Check(response);
        return JsonNode.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult())!.AsObject();
    }

    private void Post(string route, JsonObject? body)
    {
        using var content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        Check(_http.PostAsync("/v1/test/board/" + route, content).GetAwaiter().GetResult());
    }

    private void TryPost(string route)
    {
        using var response = _http.PostAsync("/v1/test/board/" + route, null).GetAwaiter().GetResult();
    }

    private static void Check(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {body}");
        }
    }

    private static string Snake(string name)
    {
        var text = new StringBuilder();
        foreach (char c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace Appliance.Service.Tests.Api;

/// <summary>FsCheck properties: random valid agents round-trip; random bad input never yields a 5xx.</summary>
public sealed class PropertyTests : IClassFixture<PropertyTests.Box>
{
    public sealed class Box : IDisposable
    {
        public ApplianceFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private static int _counter;
    private readonly ApplianceFactory _factory;

    public PropertyTests(Box box) => _factory = box.Factory;

    private static Gen<double> Between(double min, double max, int steps) =>
        Gen.Choose(0, steps).Select(i => Math.Round(min + ((max - min) * i / steps), 4));

    private static readonly Gen<string> Text =
        Gen.Elements("", "Hello", "¿Qué tal? Ünïcödé ✓", "Line1\nLine2", "Quotes \" and \\ backslash", "Emoji 📞", "  spaced  ");

    private static readonly Gen<JsonObject> ValidAgent =
        from speed in Between(0.5, 1.5, 100)
        from noise in Between(0, 0.25, 25)
        from interrupt in Between(0, 1, 20)
        from poke in Gen.Elements<int?>(null, 1, 30, 180, 3600)
        from end in Gen.Choose(1, 3600)
        from denoise in Gen.Elements("off", "noise-cancellation", "noise-and-background-speech-cancellation")
        from ambience in Gen.Elements<string?>(null, "office", "call-center", "coffee-shop", "outdoor")
        from language in Gen.Elements("en", "es", "de", "fr", "ja")
        from welcome in Text
        from prompt in Text
        from keywords in Gen.SubListOf("Acme", "Zyx", "O'Neil").Select(k => k.ToList())
        from tools in Gen.Elements(Array.Empty<string>(), ["keypad_input"], ["natural_conversation_ending", "transfer_call"])
        select new JsonObject
        {
            ["name"] = "prop-" + Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture),
            ["audio_speed"] = speed,
            ["background_noise_level"] = noise,
            ["interruption_sensitivity"] = interrupt,
            ["no_input_poke_sec"] = poke,
            ["no_input_end_conversation_sec"] = end,
            ["denoising_mode"] = denoise,
            ["background_noise"] = ambience,
            ["default_language"] = language,
            ["welcome_message"] = welcome,
            ["system_prompt"] = prompt,
            ["boosted_keywords"] = new JsonArray([.. keywords.Select(k => (JsonNode)JsonValue.Create(k))]),
            ["tools"] = new JsonArray([.. tools.Select(t => (JsonNode)JsonValue.Create(t))]),
        };

    [Fact]
    public void Random_valid_agents_round_trip()
    {
        var api = _factory.Api();
        var property = Prop.ForAll(ValidAgent.ToArbitrary(), body =>
        {
            var (status, result) = api.PostAsync("/v1/agents/upsert", body.ToJsonString()).GetAwaiter().GetResult();
            if (status != 200)
            {
                throw new InvalidOperationException($"{status}: {result}");
            }
            var (_, read) = api.GetJsonAsync($"/v1/agents/{result["agent"]!["id"]}").GetAwaiter().GetResult();
            foreach (var (field, value) in body)
            {
                if (!JsonNode.DeepEquals(value, read[field]) && !SameNumber(value, read[field]))
                {
                    throw new InvalidOperationException($"{field}: sent {value?.ToJsonString()} read {read[field]?.ToJsonString()}");
                }
            }
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), property);
    }

    [Fact]
    public void Random_invalid_json_never_yields_a_server_error()
    {
        var api = _factory.Api();
        string[] seeds = ["""{"name":"fuzz","audio_speed":1.0,"tasks":[{"name":"a","description":"b"}],"integrations":{"twilio":{"accountSid":"a"}}}"""];
        var mutated =
            from seed in Gen.Elements(seeds)
            from cut in Gen.Choose(0, seeds[0].Length)
            from insert in Gen.Elements("", "{", "}", "[", "]", "\"", ",", ":", "null", "1e999", "-", "\\u0000", "true", "\uFFFF", "{\"a\":")
            from drop in Gen.Choose(0, 5)
            select seed[..cut] + insert + seed[Math.Min(seed.Length, cut + drop)..];
        var anyText = ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "");
        var bodies = Gen.OneOf(mutated, anyText);
        var routes = Gen.Elements(
            ("POST", "/v1/agents/upsert"), ("POST", "/v1/agents"), ("PUT", "/v1/agents/fuzz"),
            ("POST", "/v1/phone-numbers"), ("POST", "/v1/connections"), ("POST", "/v1/api-keys"));
        var cases = from body in bodies from route in routes select (route.Item1, route.Item2, body);
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (status, _) = api.SendAsync(new HttpMethod(c.Item1), c.Item2, c.body).GetAwaiter().GetResult();
            return status is >= 200 and < 500;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(400), property);
    }

    private static bool SameNumber(JsonNode? a, JsonNode? b) =>
        a is JsonValue va && b is JsonValue vb && va.TryGetValue<double>(out var da) && vb.TryGetValue<double>(out var db) && Math.Abs(da - db) < 1e-9;
}

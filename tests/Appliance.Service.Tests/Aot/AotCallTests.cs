using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Appliance.Telephony.Tests.Interop;

namespace Appliance.Service.Tests.Aot;

/// <summary>
/// A real SIP call answered by the Native AOT binary on its embedded default: SIP stack, RTP, VAD,
/// local espeak-ng voice, the message taker's tool calls, call records and the recording, all as
/// published, since reflection that works on the JIT can still fail under AOT.
/// </summary>
public sealed partial class AotCallTests
{
    [ServiceBinaryFact(ServiceBinary.X64Variable)]
    public async Task The_aot_binary_answers_a_call_with_its_default_agent_and_records_it()
    {
        using var data = new TempDirectory();
        await using var service = await ServiceProcess.StartAsync(ServiceBinary.X64, data.Path);
        var port = int.Parse(SipPort().Match(service.Output).Groups[1].Value, CultureInfo.InvariantCulture);
        var key = (await File.ReadAllTextAsync(Path.Combine(data.Path, "initial-api-key.txt"))).Trim();
        service.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var (exit, output) = await Sipp.RunAsync("caller_speaks_and_hangs_up.xml", port, TimeSpan.FromSeconds(75), service: "+15550000000");
        Assert.True(exit == 0, "sipp failed:\n" + output + "\nservice:\n" + service.Output);

        JsonObject call = [];
        for (var i = 0; i < 50 && call["ended_at"] is null; i++)
        {
            var calls = JsonNode.Parse(await service.Client.GetStringAsync("/v1/calls"))!["calls"]!.AsArray();
            call = calls.Count > 0 ? calls[0]!.AsObject() : [];
            await Task.Delay(200);
        }
        Assert.True(call["status"]?.GetValue<string>() == "completed", call.ToJsonString() + "\n" + service.Output);
        Assert.Equal("default", call["agent_name"]!.GetValue<string>());
        var turns = call["turns"]!.AsArray();
        Assert.StartsWith("Hello, thanks for calling", turns[0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(turns, t => t!["role"]!.GetValue<string>() == "agent" && t["text"]!.GetValue<string>().Contains("take a message", StringComparison.Ordinal));

        using var recording = await service.Client.GetAsync($"/v1/calls/{call["id"]}/recording");
        Assert.Equal("audio/wav", recording.Content.Headers.ContentType?.MediaType);
        Assert.True((await recording.Content.ReadAsByteArrayAsync()).Length > 8000 * 2 * 10, "at least ten seconds recorded");
    }

    [GeneratedRegex(@"SIP listening on udp/127\.0\.0\.1:(\d+)")]
    private static partial Regex SipPort();
}

using System.Text.Json.Nodes;
using Appliance.Audio.Tones;
using Appliance.Audio.Wav;
using Appliance.Configuration.Validation;
using Appliance.Hal.CallerId;
using Appliance.Hal.Ring;
using Appliance.Hal.Simulated;
using Appliance.Service.Http;

namespace Appliance.Service.Hal;

/// <summary>
/// The test-mode API: another process (the HIL rig, a test) plays the telephone exchange and the
/// caller of a box running on the simulated board. Under /v1, so it needs an API key like the rest;
/// on a real board every route answers 404 (the routes exist, the test mode does not).
/// </summary>
internal static class TestModeEndpoints
{
    private const int MaxAudioSeconds = 60;

    public static void MapTestMode(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/test/board").WithTags("test-mode");
        // Every route needs the simulated board: on a real one they all answer 404.
        group.AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<BoardHost>().Simulated is null ? Off() : await next(context));
        group.MapPost("/ring", (HttpRequest request, BoardHost host, CancellationToken ct) => WithBodyAsync(request, ct, (body, errors) =>
        {
            var board = Board(host);
            var number = Text(body, "caller_number", errors);
            var name = Text(body, "caller_name", errors);
            var signal = Text(body, "caller_id", errors) switch
            {
                null or "bell202" => CallerIdSignal.Bell202,
                "v23" => CallerIdSignal.V23,
                "dtmf" => CallerIdSignal.Dtmf,
                "none" => CallerIdSignal.None,
                _ => Invalid(errors, "caller_id", "must be bell202, v23, dtmf or none", CallerIdSignal.None),
            };
            int maxRings = WholeNumber(body, "max_rings", 1, 50, 10, errors);
            if (number is not null && (number.Length is 0 or > 20 || !number.All(char.IsAsciiDigit)))
            {
                errors.Add("caller_number", "must be 1-20 digits");
            }
            if (name is { Length: > 15 })
            {
                errors.Add("caller_name", "must be at most 15 characters (the caller ID limit)");
            }
            if (!errors.IsEmpty)
            {
                return ApiResults.Validation(errors);
            }
            var callerId = number is null && name is null ? null : new CallerIdInfo(number, name);
            board.Exchange.Ring(RingCadenceProfile.ForCountry(host.Country), callerId, signal, maxRings);
            return ApiResults.Json(new JsonObject { ["status"] = "ringing" }, StatusCodes.Status202Accepted);
        }));
        group.MapPost("/hangup", (HttpRequest request, BoardHost host, CancellationToken ct) => WithBodyAsync(request, ct, (body, errors) =>
        {
            var board = Board(host);
            var tone = Text(body, "tone", errors) switch
            {
                null => CallProgressTone.None,
                "busy" => CallProgressTone.Busy,
                "reorder" => CallProgressTone.Reorder,
                _ => Invalid(errors, "tone", "must be busy or reorder (or absent for a loop-current drop)", CallProgressTone.None),
            };
            if (!errors.IsEmpty)
            {
                return ApiResults.Validation(errors);
            }
            if (tone == CallProgressTone.None)
            {
                board.Exchange.CallerHangsUp();
            }
            else
            {
                // The far end leaves; the exchange keeps the loop and plays the tone (no loop-current drop).
                board.Exchange.FarEndHangsUpWithTone(TonePlan.ForCountry(host.Country)!, tone, TimeSpan.FromSeconds(10));
            }
            return Accepted();
        }));
        group.MapPost("/audio", async (HttpRequest request, BoardHost host, CancellationToken ct) =>
        {
            var board = Board(host);
            var limit = 44 + (MaxAudioSeconds * board.Audio.SampleRate * 2);
            if (request.ContentLength > limit)
            {
                return ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"at most {MaxAudioSeconds} s of audio");
            }
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            if (buffer.Length > limit)
            {
                return ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"at most {MaxAudioSeconds} s of audio");
            }
            buffer.Position = 0;
            short[] samples;
            int rate;
            try
            {
                samples = WavFile.Read(buffer, out rate);
            }
            catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException or ArgumentException)
            {
                return ApiResults.Validation(One("body", "must be a 16-bit mono PCM WAV file: " + ex.Message));
            }
            if (rate != board.Audio.SampleRate)
            {
                return ApiResults.Validation(One("body", $"the WAV is {rate} Hz; the line runs at {board.Audio.SampleRate} Hz"));
            }
            board.Audio.InjectCapture(samples);
            return Accepted();
        });
        group.MapGet("/playback", (BoardHost host, AnalogCallHandler calls) =>
        {
            var board = Board(host);
            var samples = board.Audio.PlayedSince(calls.LastCallAt ?? DateTimeOffset.MinValue);
            var file = new MemoryStream();
            WavFile.Write(file, samples, board.Audio.SampleRate);
            return TypedResults.File(file.ToArray(), "audio/wav", "playback.wav");
        });
        group.MapGet("/leds", IResult (HttpRequest request, BoardHost host, AnalogCallHandler calls, TimeProvider time) =>
        {
            var board = Board(host);
            var changes = new JsonArray();
            var since = calls.LastCallAt ?? DateTimeOffset.MinValue;
            if (request.Query["since"] is { Count: 1 } q)
            {
                if (!DateTimeOffset.TryParse(q[0], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out since))
                {
                    return ApiResults.Validation(One("since", "must be an ISO 8601 time"));
                }
            }
            foreach (var change in board.LedDriver.Changes(since))
            {
                changes.Add((JsonNode)new JsonObject { ["at"] = change.At.ToString("O"), ["led"] = BoardEndpoints.Snake(change.Led.ToString()), ["lit"] = change.Lit });
            }
            var status = BoardEndpoints.Status(host);
            return ApiResults.Json(new JsonObject { ["now"] = time.GetUtcNow().ToString("O"), ["leds"] = status["leds"]!.DeepClone(), ["changes"] = changes });
        });
        group.MapPost("/fault", (HttpRequest request, BoardHost host, CancellationToken ct) => WithBodyAsync(request, ct, (body, errors) =>
        {
            var board = Board(host);
            switch (Text(body, "kind", errors))
            {
                case "stick_relay":
                    board.Hook.StuckOffHook = true;
                    break;
                case "cut_line":
                    board.Exchange.LineConnected = false;
                    board.LoopCurrent.Set(false);
                    break;
                case "ring_during_call":
                    board.Ring.Set(true);
                    break;
                case "clear":
                    board.Hook.StuckOffHook = false;
                    board.Exchange.LineConnected = true;
                    board.Ring.Set(false);
                    board.Audio.ClearCapture();
                    break;
                default:
                    errors.Add("kind", "must be stick_relay, cut_line, ring_during_call or clear (no fault, no pending caller audio)");
                    break;
            }
            return errors.IsEmpty ? Accepted() : ApiResults.Validation(errors);
        }));
        group.MapPost("/agent-hangup", (BoardHost host) =>
        {
            if (host.Line is not { } line)
            {
                return Off();
            }
            line.HangUp();
            return Accepted();
        });
        group.MapPost("/flash", (BoardHost host) =>
        {
            if (host.Line is not { } line)
            {
                return Off();
            }
            return line.Flash() ? Accepted() : ApiResults.Problem(StatusCodes.Status409Conflict, "No call", "a hook flash needs a call in progress");
        });
        group.MapPost("/line", (HttpRequest request, BoardHost host, CancellationToken ct) => WithBodyAsync(request, ct, (body, errors) =>
        {
            var country = (Text(body, "country", errors) ?? host.Country).ToUpperInvariant();
            if (TonePlan.ForCountry(country) is null)
            {
                errors.Add("country", "must be US, CA, GB, UK, DE, FR, AU or EU");
            }
            int rings = WholeNumber(body, "answer_after_rings", 1, 20, host.AnswerAfterRings, errors);
            if (!errors.IsEmpty)
            {
                return ApiResults.Validation(errors);
            }
            try
            {
                host.Reconfigure(country, rings);
            }
            catch (InvalidOperationException ex)
            {
                return ApiResults.Problem(StatusCodes.Status409Conflict, "Line busy", ex.Message);
            }
            return ApiResults.Json(new JsonObject { ["country"] = host.Country, ["answer_after_rings"] = host.AnswerAfterRings });
        }));
        group.MapGet("/events", (BoardHost host) =>
        {
            var events = new JsonArray();
            foreach (var e in host.Events)
            {
                events.Add((JsonNode)new JsonObject
                {
                    ["at"] = e.At.ToString("O"),
                    ["kind"] = e.Kind,
                    ["caller_number"] = e.CallerNumber,
                    ["caller_name"] = e.CallerName,
                    ["reason"] = e.Reason,
                });
            }
            return ApiResults.Json(new JsonObject { ["events"] = events });
        });
        group.MapGet("/agent-audio", IResult (HttpRequest request, BoardHost host) =>
        {
            var board = Board(host);
            if (request.Query["since"] is not { Count: 1 } q
                || !DateTimeOffset.TryParse(q[0], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
            {
                return ApiResults.Validation(One("since", "must be an ISO 8601 time"));
            }
            return ApiResults.Json(new JsonObject { ["first_sound_at"] = board.Audio.FirstSoundAfter(since)?.ToString("O") });
        });
        group.MapGet("/state", (BoardHost host) => ApiResults.Json(BoardEndpoints.Status(host)));
    }

    private static IResult Off() => ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", "the test mode exists only on the simulated board (Hal:Board=simulated)");

    private static IResult Accepted() => ApiResults.Json(new JsonObject { ["status"] = "accepted" }, StatusCodes.Status202Accepted);

    private static ValidationErrors One(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return errors;
    }

    private static T Invalid<T>(ValidationErrors errors, string field, string message, T fallback)
    {
        errors.Add(field, message);
        return fallback;
    }

    private static int WholeNumber(JsonObject? body, string field, int min, int max, int fallback, ValidationErrors errors)
    {
        if (body?[field] is not { } node)
        {
            return fallback;
        }
        if (node.GetValueKind() == System.Text.Json.JsonValueKind.Number && node.GetValue<double>() is var value
            && value >= min && value <= max && value == Math.Floor(value))
        {
            return (int)value;
        }
        return Invalid(errors, field, $"must be a whole number {min}-{max}", fallback);
    }

    private static string? Text(JsonObject? body, string field, ValidationErrors errors)
    {
        if (body?[field] is not { } node)
        {
            return null;
        }
        if (node.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            errors.Add(field, "must be a string");
            return null;
        }
        return node.GetValue<string>();
    }

    /// <summary>Reads the optional JSON object body (none = no fields given) and hands it to <paramref name="handle"/> with an empty error list; a malformed body is answered here.</summary>
    private static async Task<IResult> WithBodyAsync(HttpRequest request, CancellationToken ct, Func<JsonObject?, ValidationErrors, IResult> handle)
    {
        if (request.ContentLength is null or 0 && request.ContentType is null)
        {
            return handle(null, new ValidationErrors());
        }
        var (body, error) = await JsonBody.ReadObjectAsync(request, ct);
        return error ?? handle(body, new ValidationErrors());
    }

    /// <summary>The simulated board; the group's filter has already answered 404 when there is none.</summary>
    private static SimulatedBoard Board(BoardHost host) =>
        host.Simulated ?? throw new InvalidOperationException("test-mode route reached without a simulated board");
}

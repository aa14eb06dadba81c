using System.Text.Json.Nodes;
using Appliance.Configuration.Model;
using Appliance.Configuration.Store;
using Appliance.Configuration.Validation;
using Appliance.Service.Http;

namespace Appliance.Service.Compat.Vocode;

/// <summary>
/// Seed 003 (Vocode numbers) under /compat/vocode/v1/numbers: update a number the box answers
/// (POST /update?phone_number=...), get one (?phone_number=...) and list them (/list).
/// </summary>
internal static class VocodeEndpoints
{
    public const string Prefix = "/compat/vocode/v1/numbers";

    public static RouteGroupBuilder MapVocodeCompat(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Prefix).WithTags("compat-vocode");

        group.MapGet("/", IResult (string? phone_number, ConfigurationStore store) =>
            Find(store, phone_number, out var problem) is { } number ? ApiResults.Json(VocodeNumberView.From(number, store)) : problem!);

        group.MapGet("/list", IResult (int? page, int? size, ConfigurationStore store) =>
        {
            var p = Math.Max(1, page ?? 1);
            var s = Math.Clamp(size ?? 10, 1, 100);
            var all = store.ListPhoneNumbers();
            var items = new JsonArray();
            for (var i = (p - 1) * s; i < all.Count && i < p * s; i++)
            {
                items.Add((JsonNode)VocodeNumberView.From(all[i], store));
            }
            return ApiResults.Json(new JsonObject { ["items"] = items, ["page"] = p, ["size"] = s, ["total"] = all.Count, ["has_more"] = p * s < all.Count });
        });

        group.MapPost("/update", async Task<IResult> (string? phone_number, HttpRequest request, ConfigurationStore store, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadObjectAsync(request, ct);
            if (error is not null)
            {
                return error;
            }
            return Find(store, phone_number, out var missing) is { } number ? Update(number, body!, store) : missing!;
        });

        return group;
    }

    /// <summary>
    /// Creates what the request gives inline (connection, agent), then updates the number; if a
    /// later step fails the records made by earlier steps are removed again, so a refused request
    /// leaves the store as it was.
    /// </summary>
    private static IResult Update(PhoneNumber number, JsonObject body, ConfigurationStore store)
    {
        var errors = new ValidationErrors();
        var update = VocodeNumberMapper.ToCanonical(body, reference => (store.GetAgent(reference) ?? store.FindAgent(Projects.Default, reference))?.Id, errors);
        var agentRequest = update.InlineAgent is null ? null
            : VocodeAgentMapper.ToCanonical(update.InlineAgent, name => store.FindAgent(Projects.Default, name) is not null, errors);
        if (!errors.IsEmpty)
        {
            return CompatResults.Invalid(errors);
        }
        Connection? createdConnection = null;
        Agent? createdAgent = null;
        IResult? problem = null;
        if (update.InlineConnection is { } connectionRequest)
        {
            createdConnection = CompatResults.Try(VocodeNumberMapper.Names, () => store.CreateConnection(connectionRequest), out problem);
            update.NumberPatch["connection_id"] = createdConnection?.Id;
        }
        if (problem is null && agentRequest is not null)
        {
            createdAgent = CompatResults.Try(VocodeAgentMapper.Names, () => store.CreateAgent(Projects.Default, agentRequest), out problem);
            update.NumberPatch["agent_id"] = createdAgent?.Id;
        }
        var updated = problem is null
            ? CompatResults.Try(VocodeNumberMapper.Names, () => store.UpdatePhoneNumber(number.Id, update.NumberPatch), out problem)
            : null;
        if (updated is null)
        {
            if (createdAgent is not null)
            {
                store.DeleteAgent(createdAgent.Id);
            }
            if (createdConnection is not null)
            {
                store.DeleteConnection(createdConnection.Id);
            }
            return problem!;
        }
        return ApiResults.Json(VocodeNumberView.From(updated, store));
    }

    private static PhoneNumber? Find(ConfigurationStore store, string? phoneNumber, out IResult? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(phoneNumber))
        {
            var errors = new ValidationErrors();
            errors.Add("phone_number", "is required (query parameter)");
            problem = ApiResults.Validation(errors);
            return null;
        }
        var number = store.FindPhoneNumber(phoneNumber.Trim());
        if (number is null)
        {
            problem = ApiResults.NotFound($"phone number {phoneNumber}");
        }
        return number;
    }
}

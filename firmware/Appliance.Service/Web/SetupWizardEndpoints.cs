using System.Text.Json.Nodes;
using Appliance.Configuration.Validation;
using Appliance.Service.Http;

namespace Appliance.Service.Web;

/// <summary>
/// /web/api/wizard: read and save the first-run wizard's progress. The steps themselves save
/// through /v1 (connections, agents, phone numbers), so they get the API's own validation.
/// </summary>
internal static class SetupWizardEndpoints
{
    public static void MapSetupWizard(this RouteGroupBuilder api)
    {
        api.MapGet("/wizard", (SetupWizardState state) => ApiResults.Json(ToJson(state.Read())));

        api.MapPut("/wizard", async Task<IResult> (HttpRequest request, SetupWizardState state, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadObjectAsync(request, ct);
            if (error is not null)
            {
                return error;
            }
            var errors = new ValidationErrors();
            var step = body!["step"] is JsonValue s && s.TryGetValue<string>(out var name) ? name : null;
            if (step is null || Array.IndexOf(SetupWizardState.Steps, step) < 0)
            {
                errors.Add("step", "must be one of " + string.Join(", ", SetupWizardState.Steps));
            }
            var completed = false;
            if (body["completed"] is { } flag && !(flag is JsonValue v && v.TryGetValue(out completed)))
            {
                errors.Add("completed", "must be true or false");
            }
            if (!errors.IsEmpty)
            {
                return ApiResults.Validation(errors);
            }
            state.Write(step!, completed);
            return ApiResults.Json(ToJson(state.Read()));
        });
    }

    private static JsonObject ToJson((string Step, bool Completed) state) => new()
    {
        ["step"] = state.Step,
        ["completed"] = state.Completed,
        ["steps"] = new JsonArray([.. SetupWizardState.Steps.Select(s => (JsonNode)s)]),
    };
}

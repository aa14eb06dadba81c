using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Appliance.Configuration.Store;
using Appliance.Configuration.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Appliance.Service.Http;

/// <summary>RFC 9457 problem details for every error, and the store's exceptions mapped onto them.</summary>
internal static class ApiResults
{
    public static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail });

    public static ProblemHttpResult Validation(ValidationErrors errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Invalid request",
            Detail = "one or more fields are invalid: see errors",
        });

    // Plain "+" and non-ASCII letters in names and numbers stay readable; the output is JSON, never HTML.
    private static readonly JsonSerializerOptions WriteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ContentHttpResult Json(JsonNode node, int status = StatusCodes.Status200OK) =>
        TypedResults.Content(node.ToJsonString(WriteOptions), "application/json", statusCode: status);

    /// <summary>Runs a store operation and turns its exceptions into the matching problem response.</summary>
    public static IResult Guard(Func<IResult> operation)
    {
        try
        {
            return operation();
        }
        catch (ValidationException ex)
        {
            return Validation(ex.Errors);
        }
        catch (NotFoundException ex)
        {
            return Problem(StatusCodes.Status404NotFound, "Not found", ex.Message);
        }
        catch (ConflictException ex)
        {
            var errors = new ValidationErrors();
            errors.Add(ex.Field, ex.Message);
            return TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Conflict",
                Detail = ex.Message,
            });
        }
    }

    public static ProblemHttpResult NotFound(string what) => Problem(StatusCodes.Status404NotFound, "Not found", $"{what} was not found");
}

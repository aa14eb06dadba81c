using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Appliance.Service.Http;

/// <summary>Reads a request body as one JSON object, with a size cap and a clear 4xx for bad input.</summary>
internal static class JsonBody
{
    public const int MaxBytes = 1024 * 1024;

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 32, CommentHandling = JsonCommentHandling.Disallow };

    public static async Task<(JsonObject? Body, ProblemHttpResult? Error)> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"the body must be at most {MaxBytes} bytes"));
        }
        if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && !type.Contains("+json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, ApiResults.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "send the body as application/json"));
        }
        var buffer = new MemoryStream();
        try
        {
            await CopyCappedAsync(request.Body, buffer, ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"the body must be at most {MaxBytes} bytes"));
        }
        catch (InvalidDataException)
        {
            return (null, ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"the body must be at most {MaxBytes} bytes"));
        }
        if (buffer.Length == 0)
        {
            return (null, ApiResults.Problem(StatusCodes.Status400BadRequest, "Missing body", "send a JSON object"));
        }
        try
        {
            var node = JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), documentOptions: ParseOptions);
            if (node is not JsonObject obj)
            {
                return (null, ApiResults.Problem(StatusCodes.Status400BadRequest, "Malformed JSON", "the body must be a JSON object"));
            }
            return (obj, null);
        }
        catch (JsonException ex)
        {
            return (null, ApiResults.Problem(StatusCodes.Status400BadRequest, "Malformed JSON",
                $"the body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})"));
        }
    }

    private static async Task CopyCappedAsync(Stream source, MemoryStream destination, CancellationToken ct)
    {
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await source.ReadAsync(chunk, ct)) > 0)
        {
            if (destination.Length + read > MaxBytes)
            {
                throw new InvalidDataException("body too large");
            }
            destination.Write(chunk, 0, read);
        }
    }
}

using Appliance.Configuration.Store;

namespace Appliance.Service.Http;

/// <summary>
/// Requires "Authorization: Bearer &lt;api key&gt;" on every /v1 and /compat route. The key is
/// checked by its hash; a failure says why without echoing what was sent.
/// </summary>
internal sealed class BearerAuthentication(RequestDelegate next, ConfigurationStore store, ILogger<BearerAuthentication> logger)
{
    public const string ApiKeyIdItem = "api_key_id";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsProtected(context.Request.Path))
        {
            await next(context);
            return;
        }
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            await Reject(context, "send Authorization: Bearer <api key>");
            return;
        }
        var key = store.VerifyApiKey(header[scheme.Length..].Trim());
        if (key is null)
        {
            logger.LogWarning("Rejected an unknown API key from {Remote}", context.Connection.RemoteIpAddress);
            await Reject(context, "the API key is not valid");
            return;
        }
        context.Items[ApiKeyIdItem] = key.Id;
        await next(context);
    }

    private static bool IsProtected(PathString path) =>
        path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/compat", StringComparison.OrdinalIgnoreCase);

    private static Task Reject(HttpContext context, string detail)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiResults.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail).ExecuteAsync(context);
    }
}

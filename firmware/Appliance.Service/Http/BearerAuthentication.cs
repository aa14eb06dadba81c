using Appliance.Configuration.Store;
using Appliance.Service.Web;

namespace Appliance.Service.Http;

/// <summary>
/// Requires "Authorization: Bearer &lt;api key&gt;" on every /v1 and /compat route. The key is
/// checked by its hash; a failure says why without echoing what was sent. The technician's web
/// page may instead use its session cookie on /v1, with the session's CSRF token on every
/// state-changing request.
/// </summary>
internal sealed class BearerAuthentication(RequestDelegate next, ConfigurationStore store, WebSessions sessions, ILogger<BearerAuthentication> logger)
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
        if (header.Length == 0 && context.Request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase)
            && sessions.Find(context) is { } session)
        {
            if (WebSessions.IsStateChanging(context.Request) && !WebSessions.HasValidCsrf(context, session))
            {
                await ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", $"send the session's CSRF token in {WebSessions.CsrfHeader}").ExecuteAsync(context);
                return;
            }
            await next(context);
            return;
        }
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

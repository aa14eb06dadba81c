using System.Text.Json.Nodes;
using Appliance.Configuration.Store;
using Appliance.Configuration.Validation;
using Appliance.Service.Http;

namespace Appliance.Service.Web;

/// <summary>
/// /web/auth: first-run setup (setup code + new password), login with lockout, logout, and the
/// session's CSRF token for the page's scripts.
/// </summary>
internal static class WebAuthEndpoints
{
    public static RouteGroupBuilder MapWebAuth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/web/auth");

        group.MapGet("/state", (ConfigurationStore store, WebSessions sessions, HttpContext context) =>
            ApiResults.Json(new JsonObject
            {
                ["setup_required"] = store.GetTechnicianCredential() is null,
                ["authenticated"] = sessions.Find(context) is not null,
            }));

        group.MapPost("/setup", async Task<IResult> (HttpContext context, ConfigurationStore store, SetupCode setupCode,
            LoginThrottle throttle, WebSessions sessions, TimeProvider time, ILogger<SetupCode> logger, CancellationToken ct) =>
        {
            var client = ClientOf(context);
            if (Locked(throttle, client, context) is { } locked)
            {
                return locked;
            }
            var (body, error) = await ReadJsonAsync(context, ct);
            if (error is not null)
            {
                return error;
            }
            if (store.GetTechnicianCredential() is not null)
            {
                return ApiResults.Problem(StatusCodes.Status409Conflict, "Already set up", "the technician password is already set: log in");
            }
            var errors = new ValidationErrors();
            if (!setupCode.Matches(StringField(body!, "setup_code")))
            {
                errors.Add("setup_code", "is not the code printed on the console (also in setup-code.txt in the data directory)");
            }
            var password = StringField(body!, "password");
            if (PasswordHasher.Weakness(password) is { } weakness)
            {
                errors.Add("password", weakness);
            }
            if (!errors.IsEmpty)
            {
                if (errors.ToDictionary().ContainsKey("setup_code"))
                {
                    throttle.Failed(client);
                }
                return ApiResults.Validation(errors);
            }
            if (!store.SetTechnicianCredential(PasswordHasher.Hash(password!, time.GetUtcNow()), onlyIfUnset: true))
            {
                return ApiResults.Problem(StatusCodes.Status409Conflict, "Already set up", "the technician password is already set: log in");
            }
            setupCode.Consume();
            throttle.Succeeded(client);
            logger.LogInformation("Technician password set from {Remote}", context.Connection.RemoteIpAddress);
            return StartSession(context, sessions);
        });

        group.MapPost("/login", async Task<IResult> (HttpContext context, ConfigurationStore store, LoginThrottle throttle,
            WebSessions sessions, ILogger<WebSessions> logger, CancellationToken ct) =>
        {
            var client = ClientOf(context);
            if (Locked(throttle, client, context) is { } locked)
            {
                return locked;
            }
            var (body, error) = await ReadJsonAsync(context, ct);
            if (error is not null)
            {
                return error;
            }
            var credential = store.GetTechnicianCredential();
            if (credential is null)
            {
                return ApiResults.Problem(StatusCodes.Status409Conflict, "Setup required", "no technician password is set yet: use the setup code");
            }
            if (StringField(body!, "password") is not { } password || !PasswordHasher.Verify(password, credential))
            {
                throttle.Failed(client);
                logger.LogWarning("Failed technician login from {Remote}", context.Connection.RemoteIpAddress);
                return ApiResults.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "the password is not correct");
            }
            throttle.Succeeded(client);
            return StartSession(context, sessions);
        });

        group.MapPost("/logout", IResult (HttpContext context, WebSessions sessions) =>
        {
            if (sessions.Find(context) is not { } session || !WebSessions.HasValidCsrf(context, session))
            {
                return ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", "log in and send the page's CSRF token");
            }
            sessions.End(session);
            WebSessions.ClearCookie(context);
            return ApiResults.Json(new JsonObject { ["success"] = true });
        });

        group.MapGet("/session", IResult (HttpContext context, WebSessions sessions) =>
            sessions.Find(context) is { } session
                ? ApiResults.Json(new JsonObject { ["csrf_token"] = session.CsrfToken })
                : ApiResults.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "log in first"));

        return group;
    }

    private static IResult StartSession(HttpContext context, WebSessions sessions)
    {
        var session = sessions.Create();
        WebSessions.WriteCookie(context, session);
        context.Response.Headers.CacheControl = "no-store";
        return ApiResults.Json(new JsonObject { ["csrf_token"] = session.CsrfToken });
    }

    private static IResult? Locked(LoginThrottle throttle, string client, HttpContext context)
    {
        var wait = throttle.RetryAfter(client);
        if (wait <= TimeSpan.Zero)
        {
            return null;
        }
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ApiResults.Problem(StatusCodes.Status429TooManyRequests, "Too many attempts", $"too many failed attempts: try again in {seconds} s");
    }

    /// <summary>
    /// Login and setup demand application/json: a cross-site form cannot send that without a CORS
    /// preflight, which the box never grants, so these two have no CSRF token yet and need none.
    /// </summary>
    private static async Task<(JsonObject? Body, IResult? Error)> ReadJsonAsync(HttpContext context, CancellationToken ct)
    {
        if (context.Request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, ApiResults.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "send the body as application/json"));
        }
        return await JsonBody.ReadObjectAsync(context.Request, ct);
    }

    private static string? StringField(JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

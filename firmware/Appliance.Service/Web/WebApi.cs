using Appliance.Service.Http;

namespace Appliance.Service.Web;

/// <summary>
/// The page's own helper routes under /web/api: first-run wizard state, agent prompt preview,
/// "test connection", filtered call log and export, the fields' allowed values. All need a live session, plus its CSRF token on
/// every state-changing request (/v1 gets the same check from <see cref="BearerAuthentication"/>;
/// /web/api is outside that middleware).
/// </summary>
internal static class WebApi
{
    public static IServiceCollection AddWebApi(this IServiceCollection services) => services
        .AddSingleton<SetupWizardState>()
        .AddSingleton<ConnectionProbe>()
        .AddSingleton<DiagnosticsLedWalk>();

    public static RouteGroupBuilder MapWebApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/web/api");
        api.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var sessions = http.RequestServices.GetRequiredService<WebSessions>();
            if (sessions.Find(http) is not { } session)
            {
                return ApiResults.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "log in first");
            }
            if (WebSessions.IsStateChanging(http.Request) && !WebSessions.HasValidCsrf(http, session))
            {
                return ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", $"send the session's CSRF token in {WebSessions.CsrfHeader}");
            }
            return await next(context);
        });
        api.MapSetupWizard();
        api.MapAgentPreview();
        api.MapConnectionTest();
        api.MapCallExport();
        api.MapDiagnostics();
        api.MapAllowedValues();
        api.MapBoardDiagnostics();
        return api;
    }
}

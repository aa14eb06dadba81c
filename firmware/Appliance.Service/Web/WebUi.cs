using Microsoft.Extensions.FileProviders;

namespace Appliance.Service.Web;

/// <summary>
/// The technician's web page: services, middleware and routes, each wired by one line in Program.cs.
/// </summary>
internal static class WebUi
{
    public static IServiceCollection AddWebUi(this IServiceCollection services) => services
        .AddSingleton<WebSessions>()
        .AddSingleton<LoginThrottle>()
        .AddSingleton<SetupCode>();

    /// <summary>Security headers on every response and the public static assets; call before authentication.</summary>
    public static WebApplication UseWebUi(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(WebRoot(app), "assets")),
            RequestPath = "/web/assets",
            // Revalidate each load (cheap 304s on the LAN), so an update is never half-applied.
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }

    public static void MapWebUi(this WebApplication app)
    {
        app.Services.GetRequiredService<SetupCode>().IssueIfNeeded(app.Logger);
        app.MapWebAuth();
        app.MapWebEvents();
        app.MapWebPages(new PhysicalFileProvider(Path.Combine(WebRoot(app), "pages")));
    }

    /// <summary>
    /// wwwroot beside the content root (tests, dotnet run) or beside the executable (a published
    /// box, whose working directory may be anywhere).
    /// </summary>
    private static string WebRoot(WebApplication app)
    {
        var fromContentRoot = Path.Combine(app.Environment.ContentRootPath, "wwwroot");
        return Directory.Exists(Path.Combine(fromContentRoot, "pages"))
            ? fromContentRoot
            : Path.Combine(AppContext.BaseDirectory, "wwwroot");
    }
}

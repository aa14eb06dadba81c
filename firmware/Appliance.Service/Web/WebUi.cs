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
        .AddWebApi()
        .AddSingleton<SetupCode>()
        .AddSingleton<TlsCertificate>()
        .AddSingleton<CloudReachability>()
        .AddSingleton<SystemStatus>()
        .AddSingleton<RingLoggerProvider>()
        .AddSingleton<ILoggerProvider>(sp => sp.GetRequiredService<RingLoggerProvider>());

    /// <summary>Security headers on every response, HTTPS off loopback, and the public static assets; call before authentication.</summary>
    public static WebApplication UseWebUi(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<LanHttpsRedirect>();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = Files(app, "assets"),
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
        app.MapWebApi();
        app.MapWebPages(Files(app, "pages"));
    }

    /// <summary>
    /// wwwroot/<paramref name="folder"/> beside the content root (tests, dotnet run) or beside the
    /// executable (a published box, whose working directory may be anywhere). When neither exists
    /// the API still runs and the page answers 404, with a warning, rather than the box not starting.
    /// </summary>
    private static IFileProvider Files(WebApplication app, string folder)
    {
        foreach (var root in new[] { app.Environment.ContentRootPath, AppContext.BaseDirectory })
        {
            var path = Path.Combine(root, "wwwroot", folder);
            if (Directory.Exists(path))
            {
                return new PhysicalFileProvider(path);
            }
        }
        app.Logger.LogWarning("The web page's wwwroot/{Folder} was not found beside {ContentRoot} or {BaseDirectory}; the page is unavailable",
            folder, app.Environment.ContentRootPath, AppContext.BaseDirectory);
        return new NullFileProvider();
    }
}

using Appliance.Configuration.Store;
using Microsoft.Extensions.FileProviders;

namespace Appliance.Service.Web;

/// <summary>
/// The page HTML under wwwroot/pages, served only to a logged-in technician (login and setup are
/// the two public pages); scripts and styles under wwwroot/assets are public static files.
/// </summary>
internal static class WebPages
{
    /// <summary>The pages behind the login, each one HTML file and one JS module.</summary>
    public static readonly string[] Protected = ["dashboard", "agents", "numbers", "connections", "calls", "api-keys", "wizard", "diagnostics"];

    public static RouteGroupBuilder MapWebPages(this IEndpointRouteBuilder routes, IFileProvider pages)
    {
        var group = routes.MapGroup("/web");

        routes.MapGet("/", () => Results.Redirect("/web/dashboard"));
        group.MapGet("/", () => Results.Redirect("/web/dashboard"));

        group.MapGet("/setup", IResult (ConfigurationStore store) =>
            store.GetTechnicianCredential() is null ? Page(pages, "setup") : Results.Redirect("/web/login"));

        group.MapGet("/login", IResult (ConfigurationStore store) =>
            store.GetTechnicianCredential() is null ? Results.Redirect("/web/setup") : Page(pages, "login"));

        group.MapGet("/{page}", IResult (string page, HttpContext context, WebSessions sessions, ConfigurationStore store) =>
        {
            if (Array.IndexOf(Protected, page) < 0)
            {
                return Results.NotFound();
            }
            if (sessions.Find(context) is null)
            {
                return Results.Redirect(store.GetTechnicianCredential() is null ? "/web/setup" : "/web/login");
            }
            return Page(pages, page);
        });

        return group;
    }

    private static IResult Page(IFileProvider pages, string name)
    {
        var file = pages.GetFileInfo(name + ".html");
        // Pages carry nothing secret (data comes from the API), but must not outlive a logout in a cache.
        return file.Exists ? Results.Stream(file.CreateReadStream(), "text/html; charset=utf-8") : Results.NotFound();
    }
}

using System.Globalization;
using Appliance.Service.Hosting;

namespace Appliance.Service.Web;

/// <summary>
/// Where the page is served. With no --urls: plain HTTP on 127.0.0.1:8080 (curl and `dotnet run`
/// on the box itself) and HTTPS on port 8443 with the generated certificate, on loopback only
/// unless <c>Web:Https</c> is true, which opens HTTPS on every interface for the LAN. Plain HTTP
/// is never served to another machine: see <see cref="LanHttpsRedirect"/>.
/// </summary>
internal static class WebHttps
{
    public const int DefaultPort = 8443;

    public static void AddWebHttps(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        // The same test as ConfigurationSetup: addresses given by the operator are used as they are.
        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["ASPNETCORE_URLS"]))
        {
            var host = IsOn(configuration["Web:Https"]) ? "*" : "127.0.0.1";
            var port = int.TryParse(configuration["Web:HttpsPort"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536
                ? p
                : DefaultPort;
            builder.WebHost.UseUrls(ApplianceOptions.DefaultUrl, string.Create(CultureInfo.InvariantCulture, $"https://{host}:{port}"));
        }
        // Only asked for when an HTTPS endpoint is bound, so an HTTP-only box never makes a certificate.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
            https.ServerCertificate = kestrel.ApplicationServices.GetRequiredService<TlsCertificate>().Certificate));
    }

    /// <summary>true/1/yes/on, any case; anything else (or nothing) is off.</summary>
    public static bool IsOn(string? value) =>
        value is not null && (bool.TryParse(value, out var on) ? on : value is "1" || value.Equals("yes", StringComparison.OrdinalIgnoreCase) || value.Equals("on", StringComparison.OrdinalIgnoreCase));
}

namespace Appliance.Service.Hosting;

/// <summary>Configuration sources in order of precedence: appsettings.json, APPLIANCE_* variables, command line.</summary>
internal static class ConfigurationSetup
{
    private static readonly Dictionary<string, string> SwitchMappings = new(StringComparer.Ordinal)
    {
        ["--data"] = "Data",
        ["--sip-port"] = "Sip:Port",
    };

    public static void Apply(WebApplicationBuilder builder, string[] args)
    {
        builder.Configuration.AddEnvironmentVariables("APPLIANCE_");
        builder.Configuration.AddCommandLine(args, SwitchMappings);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(ApplianceOptions.DefaultUrl);
        }
    }
}

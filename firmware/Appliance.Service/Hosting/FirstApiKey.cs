using Appliance.Configuration.Store;

namespace Appliance.Service.Hosting;

/// <summary>
/// There is no default key: on first start the box makes one, prints it once on the console and
/// leaves it in a file only the service user can read. It never goes to the log.
/// </summary>
internal static class FirstApiKey
{
    public static void EnsureExists(ConfigurationStore store, ApplianceOptions options, ILogger logger)
    {
        if (store.CountApiKeys() > 0)
        {
            logger.LogInformation("API keys are configured; the first key was written to {Path} on first start", options.InitialKeyPath);
            return;
        }
        var (_, secret) = store.CreateApiKey("initial");
        File.WriteAllText(options.InitialKeyPath, secret + Environment.NewLine);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(options.InitialKeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        Console.WriteLine();
        Console.WriteLine("  First API key (shown once; also in " + options.InitialKeyPath + "):");
        Console.WriteLine("    " + secret);
        Console.WriteLine("  Use it as: Authorization: Bearer <key>");
        Console.WriteLine();
        logger.LogInformation("Created the first API key; it was printed on the console and written to {Path}", options.InitialKeyPath);
    }
}

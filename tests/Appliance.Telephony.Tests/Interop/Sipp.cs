namespace Appliance.Telephony.Tests.Interop;

/// <summary>Runs one sipp scenario from Scenarios/ against the appliance on 127.0.0.1 with random ports.</summary>
internal static class Sipp
{
    /// <summary>Runs one call of <paramref name="scenario"/>; a UAS scenario (one that starts by receiving) listens on <paramref name="localPort"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string scenario, int targetPort, TimeSpan timeout, string service = "100", int? localPort = null,
        params string[] extraArguments)
    {
        var dir = PeerProcess.TempDirectory();
        try
        {
            // sipp's play_pcap_audio paths are relative: pcap/ must sit beside the working directory.
            File.CreateSymbolicLink(Path.Combine(dir, "pcap"), "/usr/share/sip-tester");
            var scenarioPath = Path.Combine(AppContext.BaseDirectory, "Scenarios", scenario);
            await using var sipp = PeerProcess.Start("sipp", dir, [
                "127.0.0.1:" + targetPort, "-sf", scenarioPath, "-m", "1", "-s", service,
                "-i", "127.0.0.1", "-p", (localPort ?? PeerProcess.FreePort()).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-mi", "127.0.0.1", "-mp", PeerProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-timeout", ((int)timeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + "s", "-timeout_error",
                "-trace_err", "-error_file", Path.Combine(dir, "errors.log"), "-nostdin", .. extraArguments]);
            var code = await sipp.WaitAsync(timeout + TimeSpan.FromSeconds(5));
            var errors = Path.Combine(dir, "errors.log");
            var output = sipp.Output + (File.Exists(errors) ? "\n" + await File.ReadAllTextAsync(errors) : string.Empty);
            return (code, output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.Web;

/// <summary>
/// Page weight and load time of the dashboard from the device: the built service runs as a real
/// process on 127.0.0.1, a client logs in once, then each operation fetches what a browser fetches
/// for the dashboard (HTML, stylesheet, modules, board and wizard state). Baseline: GET /healthz, the smallest
/// request the box answers, in the same run. Rendering in the browser is not included.
/// Needs a Release build of the service first: dotnet build -c Release firmware/Appliance.Service.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class DashboardLoadBenchmarks
{
    private static readonly string[] DashboardResources =
        ["/web/dashboard", "/web/assets/style.css", "/web/assets/common.js", "/web/assets/dashboard.js",
         "/web/assets/setup-banner.js", "/web/assets/wizard-status.js", "/v1/system/board", "/web/api/wizard"];

    private Process? _service;
    private HttpClient _client = null!;
    private string _data = "";

    [GlobalSetup]
    public void Start()
    {
        var serviceDir = Path.Combine(RepoRoot(), "firmware", "Appliance.Service");
        var dll = Path.Combine(serviceDir, "bin", "Release", "net10.0", "appliance.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"build the service first: dotnet build -c Release firmware/Appliance.Service ({dll} is missing)");
        }
        _data = Path.Combine(Path.GetTempPath(), "appliance-webbench-" + Guid.NewGuid().ToString("N"));
        var port = FreePort();
        // The service's directory as working directory: wwwroot is found from the content root.
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = serviceDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { dll, "--urls", $"http://127.0.0.1:{port}", "--data", _data, "--sip-port", "0" })
        {
            info.ArgumentList.Add(argument);
        }
        _service = Process.Start(info)!;
        _service.OutputDataReceived += (_, _) => { };
        _service.ErrorDataReceived += (_, _) => { };
        _service.BeginOutputReadLine();
        _service.BeginErrorReadLine();
        _client = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        WaitHealthy();
        var code = File.ReadAllText(Path.Combine(_data, "setup-code.txt")).Trim();
        using var setup = _client.PostAsync("/web/auth/setup", new StringContent(
            $$"""{"setup_code":"{{code}}","password":"benchmark password"}""", Encoding.UTF8, "application/json")).GetAwaiter().GetResult();
        setup.EnsureSuccessStatusCode();
        long bytes = 0;
        foreach (var url in DashboardResources)
        {
            bytes += _client.GetByteArrayAsync(url).GetAwaiter().GetResult().Length;
        }
        Console.WriteLine($"// Dashboard page weight: {bytes} bytes uncompressed in {DashboardResources.Length} requests");
    }

    [GlobalCleanup]
    public void Stop()
    {
        _client.Dispose();
        if (_service is { HasExited: false })
        {
            _service.Kill(entireProcessTree: true);
            _service.WaitForExit();
        }
        _service?.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public async Task<int> Healthz() => (await _client.GetByteArrayAsync("/healthz")).Length;

    [Benchmark]
    public async Task<int> DashboardHtml() => (await _client.GetByteArrayAsync("/web/dashboard")).Length;

    /// <summary>Everything the dashboard loads, fetched in parallel the way a browser does.</summary>
    [Benchmark]
    public async Task<int> DashboardComplete()
    {
        var fetches = new Task<byte[]>[DashboardResources.Length];
        for (var i = 0; i < fetches.Length; i++)
        {
            fetches[i] = _client.GetByteArrayAsync(DashboardResources[i]);
        }
        var total = 0;
        foreach (var body in await Task.WhenAll(fetches))
        {
            total += body.Length;
        }
        return total;
    }

    private void WaitHealthy()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                using var response = _client.GetAsync("/healthz").GetAwaiter().GetResult();
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            Thread.Sleep(100);
        }
        throw new InvalidOperationException("the service did not start within 30 s");
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Appliance.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Appliance.sln not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

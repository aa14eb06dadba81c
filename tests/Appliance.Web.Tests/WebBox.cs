using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests;

/// <summary>
/// The real service listening on a free 127.0.0.1 port (Kestrel, not the in-memory TestServer, so
/// a browser can reach it) with its own temp data directory. An optional clock replaces the system's.
/// </summary>
public sealed class WebBox : WebApplicationFactory<Program>
{
    private readonly TimeProvider? _time;
    private readonly int _sipPort;

    /// <param name="time">A clock for the whole box (a fake one in lockout tests).</param>
    /// <param name="sipPort">The SIP port, when a test dials the box; 0 takes any free port.</param>
    public WebBox(TimeProvider? time = null, int sipPort = 0)
    {
        _time = time;
        _sipPort = sipPort;
        DataDirectory = Path.Combine(Path.GetTempPath(), "appliance-web-" + Guid.NewGuid().ToString("N"));
        Port = FreePort();
        UseKestrel(k => k.Listen(IPAddress.Loopback, Port));
        StartServer();
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    public string SetupCodePath => Path.Combine(DataDirectory, "setup-code.txt");

    public string SetupCode => File.ReadAllText(SetupCodePath).Trim();

    public string ApiKey => File.ReadAllText(Path.Combine(DataDirectory, "initial-api-key.txt")).Trim();

    /// <summary>A plain client with its own cookie jar, talking to the real socket.</summary>
    public HttpClient Http() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = BaseUrl };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Data", DataDirectory);
        builder.UseSetting("Sip:Port", _sipPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (_time is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(_time));
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open only leaves a temp folder behind.
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Appliance.Web.Tests;

/// <summary>HTTPS with the certificate the box makes on first start, HSTS, and plain HTTP kept to loopback.</summary>
public sealed class HttpsTests
{
    [Fact]
    public async Task First_start_makes_a_private_p256_certificate_that_serves_https_and_is_reused_after_a_restart()
    {
        string thumbprint;
        var data = Path.Combine(Path.GetTempPath(), "appliance-web-" + Guid.NewGuid().ToString("N"));
        using (var box = new WebBox(https: true, dataDirectory: data))
        {
            var path = Path.Combine(data, "https-certificate.pfx");
            var (status, served, hsts) = await GetOverHttps(box, "/web/setup");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("max-age=31536000", hsts);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));

            using var stored = X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
            Assert.Equal(stored.Thumbprint, served.Thumbprint);
            Assert.True(stored.HasPrivateKey);
            using (var key = stored.GetECDsaPublicKey())
            {
                Assert.NotNull(key);
                Assert.Equal(256, key.KeySize);
            }
            var years = (stored.NotAfter - stored.NotBefore).TotalDays / 365;
            Assert.InRange(years, 5, 5.01);
            var names = Assert.IsType<X509SubjectAlternativeNameExtension>(stored.Extensions["2.5.29.17"], exactMatch: false);
            Assert.Contains("localhost", names.EnumerateDnsNames());
            Assert.Contains(Dns.GetHostName(), names.EnumerateDnsNames());
            Assert.Contains(IPAddress.Loopback, names.EnumerateIPAddresses());
            thumbprint = stored.Thumbprint;

            // Plain HTTP from the box itself is still served, without HSTS.
            using var client = box.Http();
            using var plain = await client.GetAsync("/web/setup");
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
            Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        }
        try
        {
            using var again = new WebBox(https: true, dataDirectory: data);
            var (_, served, _) = await GetOverHttps(again, "/healthz");
            Assert.Equal(thumbprint, served.Thumbprint);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Plain_http_from_another_machine_is_redirected_to_https_or_refused()
    {
        using var box = new InProcessBox();
        var lan = IPAddress.Parse("192.168.1.20");

        // No HTTPS endpoint known: nothing to redirect to, so the request is refused.
        var refused = await box.Server.SendAsync(c => Request(c, "GET", "/web/login", lan));
        Assert.Equal(StatusCodes.Status403Forbidden, refused.Response.StatusCode);

        box.Server.Features.Set<IServerAddressesFeature>(new ServerAddressesFeature { Addresses = { "http://127.0.0.1:8080", "https://[::]:8443" } });
        var redirected = await box.Server.SendAsync(c => Request(c, "GET", "/web/calls?search=x", lan));
        Assert.Equal(StatusCodes.Status308PermanentRedirect, redirected.Response.StatusCode);
        Assert.Equal("https://box.lan:8443/web/calls?search=x", redirected.Response.Headers.Location.ToString());
        Assert.Contains("default-src 'self'", redirected.Response.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);

        // A write over plain HTTP is not acted on (it already crossed the LAN in clear).
        var write = await box.Server.SendAsync(c => Request(c, "POST", "/web/auth/login", lan));
        Assert.Equal(StatusCodes.Status403Forbidden, write.Response.StatusCode);

        foreach (var local in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback, IPAddress.Loopback.MapToIPv6() })
        {
            var served = await box.Server.SendAsync(c => Request(c, "GET", "/healthz", local));
            Assert.Equal(StatusCodes.Status200OK, served.Response.StatusCode);
        }
    }

    private static void Request(HttpContext context, string method, string pathAndQuery, IPAddress remote)
    {
        context.Request.Method = method;
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        context.Request.Path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(pathAndQuery[query..]);
        context.Request.Host = new HostString("box.lan:8080");
        context.Request.Scheme = "http";
        context.Connection.RemoteIpAddress = remote;
    }

    /// <summary>GET over HTTPS trusting only the certificate the box saved in its data folder (pinned by thumbprint).</summary>
    private static async Task<(HttpStatusCode Status, X509Certificate2 Served, string? Hsts)> GetOverHttps(WebBox box, string path)
    {
        using var pinned = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(box.DataDirectory, "https-certificate.pfx"), password: null);
        X509Certificate2? served = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                served = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.RawData);
                return certificate?.Thumbprint == pinned.Thumbprint;
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{box.HttpsPort}") };
        using var response = await client.GetAsync(path);
        var hsts = response.Headers.TryGetValues("Strict-Transport-Security", out var values) ? string.Join(",", values) : null;
        return (response.StatusCode, served!, hsts);
    }

    /// <summary>The service on the in-memory test server, where a test sets the caller's address itself.</summary>
    private sealed class InProcessBox : WebApplicationFactory<Program>
    {
        private readonly string _data = Path.Combine(Path.GetTempPath(), "appliance-web-" + Guid.NewGuid().ToString("N"));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Data", _data);
            builder.UseSetting("Sip:Port", "0");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing && Directory.Exists(_data))
            {
                Directory.Delete(_data, recursive: true);
            }
        }
    }
}

using System.Globalization;
using Appliance.Telephony.Sip.Registration;
using Appliance.Telephony.Sip.Transport;
using Appliance.Telephony.Sip.UserAgent;

namespace Appliance.Telephony.Tests.Interop;

/// <summary>
/// The appliance registers as extension 100 to a real Kamailio registrar (digest auth, no database),
/// then sipp calls 100 through Kamailio and the appliance answers.
/// </summary>
[Collection("Interop")]
public sealed class KamailioInteropTests
{
    [Theory]
    [InlineData("MD5")]
    [InlineData("SHA-256")]
    public async Task Registers_with_digest_and_answers_a_call_routed_by_kamailio(string algorithm)
    {
        var dir = PeerProcess.TempDirectory();
        var port = PeerProcess.FreePort();
        const string password = "interop-secret";
        var cfg = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Scenarios", "kamailio-registrar.cfg")))
            .Replace("__PORT__", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("__PASSWORD__", password, StringComparison.Ordinal)
            .Replace("__ALGORITHM__", algorithm, StringComparison.Ordinal);
        var cfgPath = Path.Combine(dir, "kamailio.cfg");
        await File.WriteAllTextAsync(cfgPath, cfg);
        try
        {
            await using var kamailio = PeerProcess.Start("kamailio", dir, "-f", cfgPath, "-DD", "-E", "-n", "1", "-P", Path.Combine(dir, "k.pid"), "-Y", dir);
            await using var ua = SipUserAgent.Start(new SipUserAgentOptions
            {
                Transport = new SipTransportOptions { Port = 0 },
                RtpPortMin = 45_000,
                RtpPortMax = 45_999,
                Registrations =
                [
                    new SipRegistrationOptions
                    {
                        RegistrarHost = "127.0.0.1", RegistrarPort = port, User = "100", Password = password,
                        ExpiresSeconds = 120, RetryAfterFailure = TimeSpan.FromMilliseconds(500),
                    },
                ],
                // Only the registrar (Kamailio, 127.0.0.1) may send INVITEs; it is trusted automatically.
                TrustedPeers = [System.Net.IPAddress.Parse("192.0.2.1")],
            }, TimeProvider.System);
            var registration = ua.Registrations[0];
            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            registration.StateChanged += r =>
            {
                if (r.State == SipRegistrationState.Registered)
                {
                    registered.TrySetResult();
                }
            };
            if (registration.State == SipRegistrationState.Registered)
            {
                registered.TrySetResult();
            }
            try
            {
                await registered.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                Assert.Fail($"not registered (last status {registration.LastStatus}):\n{kamailio.Output}");
            }
            var answered = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
            ua.IncomingCall += call =>
            {
                call.Accept();
                answered.TrySetResult(call);
            };
            var result = await Sipp.RunAsync("uac_short_call.xml", port, TimeSpan.FromSeconds(15));
            Assert.True(result.ExitCode == 0, "sipp through kamailio failed:\n" + result.Output + "\n" + kamailio.Output);
            var call = await answered.Task.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal("100", call.RequestUser);
            await Sip.SipUserAgentCallTests.WaitUntil(() => call.State == SipCallState.Ended);
            Assert.Equal("remote-bye", call.EndReason!.Cause);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

using Appliance.Configuration.Store;
using Appliance.Conversation.Tests.Fakes;
using Appliance.Service.Telephony;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Service.Tests.Calls;

/// <summary>
/// What every whole-box call test needs (sipp, analog line): the in-process appliance, a fake OpenAI-compatible
/// cloud on 127.0.0.1, the box's SIP port and store, and a bounded wait for the call to progress.
/// </summary>
public abstract class BoxCallTest : IAsyncLifetime
{
    protected ApplianceFactory Box { get; } = new();

    protected FakeOpenAiServer Cloud { get; private set; } = null!;

    protected int SipPort => Box.Services.GetRequiredService<SipHost>().UserAgent!.UdpEndPoint.Port;

    protected ConfigurationStore Store => Box.Services.GetRequiredService<ConfigurationStore>();

    public async Task InitializeAsync() => Cloud = await FakeOpenAiServer.StartNewAsync();

    public async Task DisposeAsync()
    {
        await Cloud.DisposeAsync();
        await Box.DisposeAsync();
    }

    protected static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the call to progress");
            await Task.Delay(100);
        }
    }
}

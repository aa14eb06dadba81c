using Appliance.Configuration.Model;
using Appliance.Configuration.Store;
using Appliance.Service.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Service.Tests.Calls;

/// <summary>Call-record retention on a real LiteDB file and a fake clock: at start, then daily; recordings go with their records.</summary>
public sealed class CallRetentionTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "retention-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(Now);
    private readonly ConfigurationStore _store;

    public CallRetentionTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "recordings"));
        _store = ConfigurationStore.Open(Path.Combine(_dir, "calls.db"), _time);
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string Recordings => Path.Combine(_dir, "recordings");

    private void Call(string id, double daysAgo)
    {
        _store.SaveCallRecord(new CallRecord { Id = id, StartedAt = Now - TimeSpan.FromDays(daysAgo), RecordingFile = id + ".wav" });
        File.WriteAllBytes(Path.Combine(Recordings, id + ".wav"), [1, 2, 3]);
    }

    private CallRetentionService Service(int maxRecords, int maxAgeDays) =>
        new(_store, _time, NullLogger<CallRetentionService>.Instance, new CallRetentionService.Limits(maxRecords, maxAgeDays), Recordings);

    [Fact]
    public async Task Prunes_old_and_surplus_records_with_their_recordings_at_start_and_then_daily()
    {
        Call("c-1d", 1);
        Call("c-10d", 10);
        Call("c-50d", 50);
        Call("c-100d", 100);
        Call("c-200d", 200);
        File.WriteAllBytes(Path.Combine(Recordings, "orphan.wav"), [0]);
        using var service = Service(maxRecords: 3, maxAgeDays: 60);

        await service.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => _store.GetCallRecord("c-100d") is null);

        Assert.Equal(["c-1d", "c-10d", "c-50d"], _store.ListCallRecords().Select(r => r.Id));
        Assert.Equal(["c-10d.wav", "c-1d.wav", "c-50d.wav"], Directory.GetFiles(Recordings).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // 11 days on, the daily pass finds c-50d past 60 days; nothing else changes.
        _time.Advance(TimeSpan.FromDays(11));
        await WaitUntilAsync(() => _store.GetCallRecord("c-50d") is null);
        Assert.Equal(["c-1d", "c-10d"], _store.ListCallRecords().Select(r => r.Id));
        Assert.False(File.Exists(Path.Combine(Recordings, "c-50d.wav")));
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void Limits_come_from_configuration_and_bad_values_fall_back_to_the_defaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Calls:MaxRecords"] = "500", ["Calls:MaxAgeDays"] = "-3",
        }).Build();

        var limits = CallRetentionService.Limits.From(configuration, NullLogger.Instance);

        Assert.Equal(new CallRetentionService.Limits(500, 90), limits);
        Assert.Equal(new CallRetentionService.Limits(10000, 90), CallRetentionService.Limits.From(new ConfigurationBuilder().Build(), NullLogger.Instance));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "retention did not run");
            await Task.Delay(20);
        }
    }
}

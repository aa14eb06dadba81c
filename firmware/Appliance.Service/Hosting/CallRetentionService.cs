using Appliance.Configuration.Store;

namespace Appliance.Service.Hosting;

/// <summary>
/// Call-record retention: at start and then once a day (on the injected clock) keeps at most
/// <c>Calls:MaxRecords</c> records (default 10000), none older than <c>Calls:MaxAgeDays</c>
/// (default 90), and deletes the recordings that no longer have a record.
/// </summary>
internal sealed class CallRetentionService(ConfigurationStore store, TimeProvider time, ILogger<CallRetentionService> logger,
    CallRetentionService.Limits limits, string recordingsDirectory) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromDays(1);

    /// <summary>The configured limits; out-of-range values fall back to the defaults with a warning.</summary>
    public sealed record Limits(int MaxRecords = 10000, int MaxAgeDays = 90)
    {
        public static Limits From(IConfiguration configuration, ILogger logger)
        {
            var defaults = new Limits();
            return new Limits(
                Read(configuration, "Calls:MaxRecords", defaults.MaxRecords, 1, 10_000_000, logger),
                Read(configuration, "Calls:MaxAgeDays", defaults.MaxAgeDays, 1, 36500, logger));
        }

        private static int Read(IConfiguration configuration, string key, int fallback, int min, int max, ILogger logger)
        {
            var text = configuration[key];
            if (text is null)
            {
                return fallback;
            }
            if (int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }
            logger.LogWarning("{Key} must be an integer {Min}-{Max}; using {Default}", key, min, max, fallback);
            return fallback;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            PruneNow();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One pass: records beyond the limits, then recordings without a record; returns both counts.</summary>
    public (int Records, int Recordings) PruneNow()
    {
        var records = store.PruneCallRecords(limits.MaxRecords, TimeSpan.FromDays(limits.MaxAgeDays));
        var recordings = 0;
        if (Directory.Exists(recordingsDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(recordingsDirectory, "*.wav"))
            {
                // Recordings are named after their record's id (CallSession); a call in progress
                // has its record saved from the first ring, so its file is never taken.
                if (store.GetCallRecord(Path.GetFileNameWithoutExtension(file)) is null)
                {
                    try
                    {
                        File.Delete(file);
                        recordings++;
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        logger.LogWarning("Could not delete recording {File}: {Error}", Path.GetFileName(file), e.Message);
                    }
                }
            }
        }
        if (records > 0 || recordings > 0)
        {
            logger.LogInformation("Call retention: {Records} records and {Recordings} recordings removed (max {Max} records, {Days} days)",
                records, recordings, limits.MaxRecords, limits.MaxAgeDays);
        }
        return (records, recordings);
    }
}

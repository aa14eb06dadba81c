namespace Appliance.Service.Web;

/// <summary>One log line kept for the diagnostics page.</summary>
internal sealed record LogEntry(DateTimeOffset At, LogLevel Level, string Category, string Message, string? Exception);

/// <summary>
/// Keeps the last <see cref="Capacity"/> log lines in memory for the diagnostics page (GET
/// /web/api/logs). It sees exactly what the console sees (the same filters), and the code that
/// logs never passes secrets, so neither does this; an exception keeps only its type and message.
/// </summary>
internal sealed class RingLoggerProvider(TimeProvider time) : ILoggerProvider
{
    public const int Capacity = 2000;

    private readonly LogEntry?[] _ring = new LogEntry?[Capacity];
    private readonly Lock _gate = new();
    private long _written;

    public ILogger CreateLogger(string categoryName) => new RingLogger(this, categoryName);

    /// <summary>The kept lines, oldest first, that pass every filter given (null = any).</summary>
    public List<LogEntry> Find(LogLevel minimum, string? category, string? text, int limit)
    {
        var found = new List<LogEntry>();
        lock (_gate)
        {
            var count = (int)Math.Min(_written, Capacity);
            for (var i = 0; i < count && found.Count < limit; i++)
            {
                // Newest first while collecting, so the limit keeps the most recent lines.
                var entry = _ring[(_written - 1 - i) % Capacity]!;
                if (entry.Level >= minimum
                    && (category is null || entry.Category.Contains(category, StringComparison.OrdinalIgnoreCase))
                    && (text is null || entry.Message.Contains(text, StringComparison.OrdinalIgnoreCase)
                        || (entry.Exception?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)))
                {
                    found.Add(entry);
                }
            }
        }
        found.Reverse();
        return found;
    }

    private void Add(LogEntry entry)
    {
        lock (_gate)
        {
            _ring[_written % Capacity] = entry;
            _written++;
        }
    }

    public void Dispose()
    {
    }

    private sealed class RingLogger(RingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            provider.Add(new LogEntry(provider.Now, logLevel, category, formatter(state, exception),
                exception is null ? null : exception.GetType().Name + ": " + exception.Message));
        }
    }

    private DateTimeOffset Now => time.GetUtcNow();
}

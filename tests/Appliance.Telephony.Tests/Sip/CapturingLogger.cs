using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Appliance.Telephony.Tests.Sip;

/// <summary>Keeps every formatted log line, so tests can check what the stack told the operator.</summary>
internal sealed class CapturingLogger : ILogger
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue(formatter(state, exception));
}

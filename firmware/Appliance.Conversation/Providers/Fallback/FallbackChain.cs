using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Appliance.Conversation.Providers.Fallback;

/// <summary>
/// Tries a stage's endpoints in order (LAN, primary cloud, secondary cloud), each through its
/// guard, and ends at the degraded provider, which runs unguarded: the last resort must not be
/// skipped. Every request produces a <see cref="StageReport"/>.
/// </summary>
public sealed class FallbackChain<TProvider>
    where TProvider : class
{
    private readonly IReadOnlyList<GuardedProvider<TProvider>> _endpoints;
    private readonly TimeProvider _time;
    private readonly Action<StageReport>? _report;

    public FallbackChain(
        ProviderStage stage,
        IReadOnlyList<GuardedProvider<TProvider>> endpoints,
        TProvider degraded,
        string degradedName,
        TimeProvider timeProvider,
        Action<StageReport>? report)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(degraded);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Stage = stage;
        _endpoints = endpoints;
        Degraded = degraded;
        DegradedName = degradedName;
        _time = timeProvider;
        _report = report;
    }

    public ProviderStage Stage { get; }
    public TProvider Degraded { get; }
    public string DegradedName { get; }

    /// <summary>Runs a request that has one result (a transcript).</summary>
    public async Task<TResult> ExecuteAsync<TResult>(
        Func<TProvider, CancellationToken, Task<TResult>> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var started = _time.GetTimestamp();
        var attempts = new List<AttemptReport>(_endpoints.Count + 1);
        foreach (var (provider, guard) in _endpoints)
        {
            var attemptStart = _time.GetTimestamp();
            try
            {
                var result = await guard.Pipeline.ExecuteAsync(
                    static async (state, token) => await state.operation(state.provider, token).ConfigureAwait(false),
                    (operation, provider),
                    cancellationToken).ConfigureAwait(false);
                attempts.Add(new AttemptReport(guard.Name, AttemptOutcome.Served, _time.GetElapsedTime(attemptStart)));
                Publish(guard.Name, degraded: false, started, _time.GetElapsedTime(started), attempts);
                return result;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                attempts.Add(Failure(guard.Name, EndpointGuard.Classify(e), attemptStart, e));
            }
        }

        var degradedStart = _time.GetTimestamp();
        var fallback = await operation(Degraded, cancellationToken).ConfigureAwait(false);
        attempts.Add(new AttemptReport(DegradedName, AttemptOutcome.Served, _time.GetElapsedTime(degradedStart)));
        Publish(DegradedName, degraded: true, started, _time.GetElapsedTime(started), attempts);
        return fallback;
    }

    /// <summary>
    /// Runs a streamed request. The first item must come within the endpoint's timeout and each
    /// next one within the idle timeout. When an endpoint fails after it has delivered items, the
    /// next endpoint is opened and its items follow: <paramref name="open"/> is called again and
    /// can look at what was already delivered (the LLM chain asks the next model to continue).
    /// </summary>
    public async IAsyncEnumerable<TItem> StreamAsync<TItem>(
        Func<TProvider, CancellationToken, IAsyncEnumerable<TItem>> open,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        var started = _time.GetTimestamp();
        long? firstItem = null;
        var attempts = new List<AttemptReport>(_endpoints.Count + 1);
        foreach (var (provider, guard) in _endpoints)
        {
            var attemptStart = _time.GetTimestamp();
            using var attemptCancel = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
            using var callerLink = cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), attemptCancel);
            var items = open(provider, attemptCancel.Token).GetAsyncEnumerator(attemptCancel.Token);
            try
            {
                bool hasItem;
                try
                {
                    // Guarded part: connect and first item, under the circuit breaker and the first-result timeout.
                    hasItem = await guard.Pipeline.ExecuteAsync(
                        static async (state, token) =>
                        {
                            using var timeoutLink = token.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), state.attemptCancel);
                            return await state.items.MoveNextAsync().ConfigureAwait(false);
                        },
                        (items, attemptCancel),
                        cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    attempts.Add(Failure(guard.Name, EndpointGuard.Classify(e), attemptStart, e));
                    continue;
                }

                Exception? midStream = null;
                while (hasItem)
                {
                    firstItem ??= _time.GetTimestamp();
                    yield return items.Current;
                    attemptCancel.CancelAfter(guard.Policy.IdleTimeout);
                    try
                    {
                        hasItem = await items.MoveNextAsync().ConfigureAwait(false);
                        // Disarmed while the consumer holds the item: a slow consumer is not a silent provider.
                        attemptCancel.CancelAfter(Timeout.InfiniteTimeSpan);
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                    {
                        midStream = e;
                        hasItem = false;
                    }
                }

                if (midStream is null)
                {
                    attempts.Add(new AttemptReport(guard.Name, AttemptOutcome.Served, _time.GetElapsedTime(attemptStart)));
                    Publish(guard.Name, degraded: false, started, SinceStart(started, firstItem), attempts);
                    yield break;
                }

                await guard.ReportFailureAsync(midStream).ConfigureAwait(false);
                attempts.Add(Failure(guard.Name, AttemptOutcome.FailedMidStream, attemptStart, midStream));
            }
            finally
            {
                await DisposeQuietlyAsync(items).ConfigureAwait(false);
            }
        }

        var degradedStart = _time.GetTimestamp();
        await foreach (var item in open(Degraded, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            firstItem ??= _time.GetTimestamp();
            yield return item;
        }

        attempts.Add(new AttemptReport(DegradedName, AttemptOutcome.Served, _time.GetElapsedTime(degradedStart)));
        Publish(DegradedName, degraded: true, started, SinceStart(started, firstItem), attempts);
    }

    private AttemptReport Failure(string endpoint, AttemptOutcome outcome, long attemptStart, Exception error) =>
        new(endpoint, outcome, _time.GetElapsedTime(attemptStart), $"{error.GetType().Name}: {error.Message}");

    private void Publish(string servedBy, bool degraded, long started, TimeSpan? firstResult, List<AttemptReport> attempts) =>
        _report?.Invoke(new StageReport(Stage, servedBy, degraded, firstResult, _time.GetElapsedTime(started), attempts));

    private TimeSpan? SinceStart(long started, long? at) => at is { } t ? _time.GetElapsedTime(started, t) : null;

    // A stream cut by a dead server may throw again when disposed; the failure is already recorded.
    private static async ValueTask DisposeQuietlyAsync<TItem>(IAsyncEnumerator<TItem> items)
    {
        try
        {
            await items.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException or ProviderException)
        {
            Debug.WriteLine($"Ignored after a failed stream: {e.GetType().Name}");
        }
    }
}

using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Appliance.Conversation.Providers.Fallback;

/// <summary>
/// The resilience pipeline of one endpoint: a circuit breaker around a timeout on the first
/// result. One guard per endpoint for the whole box (circuit state is shared by every call); get
/// them from <see cref="EndpointGuards"/>.
/// </summary>
public sealed class EndpointGuard
{
    private readonly CircuitBreakerStateProvider _state = new();

    public EndpointGuard(string name, TimeSpan firstResultTimeout, EndpointPolicy policy, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Name = name;
        Policy = policy;
        TimeProvider = timeProvider;
        Pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                // Ratio 1 over a minimum throughput of N: N failures in a row open the circuit.
                FailureRatio = 1.0,
                MinimumThroughput = Math.Max(2, policy.FailuresToBreak),
                SamplingDuration = policy.SamplingDuration,
                BreakDuration = policy.BreakDuration,
                StateProvider = _state,
                ShouldHandle = args => ValueTask.FromResult(IsEndpointFault(args.Outcome.Exception, args.Context.CancellationToken)),
            })
            .AddTimeout(Clamp(firstResultTimeout))
            .Build();
    }

    // Polly rejects a zero or huge timeout; a misconfigured endpoint must not break the chain.
    private static TimeSpan Clamp(TimeSpan timeout) =>
        timeout < MinTimeout ? MinTimeout : timeout > MaxTimeout ? MaxTimeout : timeout;

    public static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(5);

    public string Name { get; }
    public EndpointPolicy Policy { get; }
    public TimeProvider TimeProvider { get; }
    public CircuitState State => _state.CircuitState;
    internal ResiliencePipeline Pipeline { get; }

    /// <summary>Counts a failure that happened after the pipeline had let the attempt through (mid-stream).</summary>
    internal async ValueTask ReportFailureAsync(Exception failure)
    {
        var context = ResilienceContextPool.Shared.Get(CancellationToken.None);
        try
        {
            await Pipeline.ExecuteOutcomeAsync(
                static (_, error) => ValueTask.FromResult(Outcome.FromException<bool>(error)), context, failure).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>A failure of the endpoint, as opposed to the caller hanging up (cancellation).</summary>
    internal static bool IsEndpointFault(Exception? error, CancellationToken callerToken) =>
        error is not null && !(error is OperationCanceledException && callerToken.IsCancellationRequested)
        && error is not BrokenCircuitException;

    internal static AttemptOutcome Classify(Exception error) => error switch
    {
        TimeoutRejectedException => AttemptOutcome.TimedOut,
        BrokenCircuitException => AttemptOutcome.CircuitOpen,
        _ => AttemptOutcome.Failed,
    };
}

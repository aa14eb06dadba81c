using Microsoft.ML.OnnxRuntime;

namespace Appliance.Audio.Vad;

/// <summary>
/// The loaded Silero VAD v5 network, shared by every call (a session's Run is thread-safe; each
/// call keeps its own recurrent state in a <see cref="SileroVad"/>). One intra-op thread, so a
/// call never competes with the others for more than one core.
/// </summary>
public sealed class SileroVadModel : IDisposable
{
    private readonly SessionOptions _options;

    public SileroVadModel(string modelPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        _options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        try
        {
            Session = new InferenceSession(modelPath, _options);
        }
        catch
        {
            _options.Dispose();
            throw;
        }
        CheckSignature(Session);
    }

    internal InferenceSession Session { get; }

    public void Dispose()
    {
        Session.Dispose();
        _options.Dispose();
    }

    private static void CheckSignature(InferenceSession session)
    {
        foreach (string name in new[] { "input", "state", "sr" })
        {
            if (!session.InputMetadata.ContainsKey(name))
            {
                session.Dispose();
                throw new InvalidDataException($"Not a Silero VAD v5 model: input '{name}' missing.");
            }
        }
        foreach (string name in new[] { "output", "stateN" })
        {
            if (!session.OutputMetadata.ContainsKey(name))
            {
                session.Dispose();
                throw new InvalidDataException($"Not a Silero VAD v5 model: output '{name}' missing.");
            }
        }
    }
}

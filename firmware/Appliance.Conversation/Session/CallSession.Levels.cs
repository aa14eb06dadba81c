namespace Appliance.Conversation.Session;

/// <summary>
/// Read-only level meters for the dashboard: the caller's and the agent's audio of the last 20 ms
/// frame in dBFS, written by the media tick (no allocation) and read from any thread.
/// </summary>
public sealed partial class CallSession
{
    /// <summary>What silence reads as: a level meter needs a floor, not minus infinity.</summary>
    public const double SilenceDb = -90;

    private double _inputLevelDb = SilenceDb;
    private double _outputLevelDb = SilenceDb;

    /// <summary>The caller's audio as received (before echo cancelling and denoise), dBFS.</summary>
    public double InputLevelDb => Volatile.Read(ref _inputLevelDb);

    /// <summary>What the box sent to the line (the agent's speech plus ambience), dBFS.</summary>
    public double OutputLevelDb => Volatile.Read(ref _outputLevelDb);

    private static double LevelDb(ReadOnlySpan<short> frame)
    {
        long sum = 0;
        foreach (var sample in frame)
        {
            sum += sample * sample;
        }
        if (sum == 0 || frame.IsEmpty)
        {
            return SilenceDb;
        }
        return Math.Max(SilenceDb, 10 * Math.Log10((double)sum / frame.Length / (32768.0 * 32768.0)));
    }
}

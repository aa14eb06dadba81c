namespace Appliance.Audio.Echo;

/// <summary>
/// Seed 004 "echo detection": tells the barge-in decider whether the sound on the caller's side
/// during this frame is our own playback coming back, so the agent never interrupts itself.
/// A frame is echo when the box is playing and either the canceller removes most of the frame
/// (residual at least <see cref="RemovedDb"/> below the input), or, while the canceller has not
/// converged yet, the input stays below what the echo path could return (the Geigel bound).
/// Once converged, a soft caller talking over the agent is not mistaken for echo.
/// </summary>
public sealed class EchoDetector
{
    /// <summary>How much of the frame the canceller must remove for it to count as echo.</summary>
    public const float RemovedDb = 10f;

    /// <summary>Canceller ERLE below which the Geigel bound is used instead.</summary>
    public const float ConvergedErleDb = 15f;

    // Reference quieter than this (about -46 dBFS peak) means the box is not playing.
    private const float PlayingPeak = 0.005f;
    private const float GeigelRatio = 0.5f;

    public bool IsEcho { get; private set; }

    /// <summary>Judges the frame the canceller has just processed.</summary>
    public bool Update(LineEchoCanceller canceller)
    {
        ArgumentNullException.ThrowIfNull(canceller);
        return Update(canceller.LastReferencePeak, canceller.LastMicPeak, canceller.LastMicPower,
            canceller.LastResidualPower, canceller.ErleDb, canceller.DoubleTalk);
    }

    /// <summary>Judges one frame from its measurements (peaks and powers at full scale 1).</summary>
    public bool Update(float referencePeak, float micPeak, float micPower, float residualPower, float erleDb, bool doubleTalk)
    {
        if (!(referencePeak >= PlayingPeak) || !(micPower > 0f))
        {
            IsEcho = false;
            return false;
        }
        float removedDb = 10f * MathF.Log10(micPower / MathF.Max(residualPower, 1e-12f));
        bool cancelled = removedDb >= RemovedDb;
        bool withinEchoBound = erleDb < ConvergedErleDb && !doubleTalk && micPeak <= GeigelRatio * referencePeak;
        IsEcho = cancelled || withinEchoBound;
        return IsEcho;
    }
}

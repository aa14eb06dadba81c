using Appliance.Hal.Line;

namespace Appliance.HilRig.Responders;

/// <summary>
/// What answers the call inside the rig: the seam where the conversation engine plugs in.
/// Until it exists the rig uses <see cref="ToneResponder"/>. The rig calls the frame methods
/// once per 20 ms while a call is up.
/// </summary>
public interface ICallResponder
{
    /// <summary>Called once, before any call, with the line whose events to follow.</summary>
    void Attach(ILineCallSource line);

    /// <summary>One frame of what the caller says.</summary>
    void OnCallerFrame(ReadOnlySpan<short> frame);

    /// <summary>Fills one frame of what the agent says (silence when it has nothing to say).</summary>
    void FillAgentFrame(Span<short> frame);
}

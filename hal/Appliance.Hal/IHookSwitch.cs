namespace Appliance.Hal;

/// <summary>The relay that takes the analog line off hook (seizes the loop) and puts it back.</summary>
public interface IHookSwitch
{
    /// <summary>The position last commanded.</summary>
    HookState State { get; }

    void SetHook(HookState state);
}

namespace Appliance.Hal;

/// <summary>Position of the line's hook relay as seen by the telephone exchange.</summary>
public enum HookState
{
    OnHook,
    OffHook,
}

namespace Appliance.Service.Tests.Compat;

/// <summary>One box shared by a compat test class (each test makes its own agents).</summary>
public sealed class CompatBox : IDisposable
{
    public ApplianceFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}

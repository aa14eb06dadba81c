namespace Appliance.Service.Tests.Aot;

/// <summary>
/// A test that starts a published service binary as a real process. The binary's path comes from
/// an environment variable; when it is not set the test is reported as Skipped with the reason,
/// never silently passed. (Set but pointing nowhere is a failure, not a skip.)
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ServiceBinaryFactAttribute : FactAttribute
{
    public ServiceBinaryFactAttribute(string environmentVariable)
    {
        EnvironmentVariable = environmentVariable;
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(environmentVariable)))
        {
            Skip = $"{environmentVariable} is not set; publish the binary (tools/publish-aot.sh for x64, " +
                   $"build-arm64.sh for arm64) and set {environmentVariable} to its path to run this test";
        }
    }

    public string EnvironmentVariable { get; }
}

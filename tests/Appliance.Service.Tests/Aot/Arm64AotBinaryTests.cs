namespace Appliance.Service.Tests.Aot;

/// <summary>
/// The linux-arm64 Native AOT binary (build-arm64.sh), named by APPLIANCE_ARM64_BINARY, run under
/// qemu-aarch64-static with an ARM /proc/cpuinfo (needs root for unshare -m and the bind mount).
/// </summary>
public sealed class Arm64AotBinaryTests
{
    [ServiceBinaryFact(ServiceBinary.Arm64Variable)]
    public Task First_start_serves_health_private_key_and_native_system_info() =>
        ServiceBinaryScenarios.FirstStartServesHealthAndSystem(ServiceBinary.Arm64);

    [ServiceBinaryFact(ServiceBinary.Arm64Variable)]
    public Task Upserted_agent_is_read_back_and_survives_a_restart() =>
        ServiceBinaryScenarios.UpsertedAgentSurvivesRestart(ServiceBinary.Arm64);
}

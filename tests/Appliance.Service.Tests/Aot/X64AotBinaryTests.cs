namespace Appliance.Service.Tests.Aot;

/// <summary>The linux-x64 Native AOT binary (tools/publish-aot.sh), named by APPLIANCE_AOT_BINARY.</summary>
public sealed class X64AotBinaryTests
{
    [ServiceBinaryFact(ServiceBinary.X64Variable)]
    public Task First_start_serves_health_private_key_and_native_system_info() =>
        ServiceBinaryScenarios.FirstStartServesHealthAndSystem(ServiceBinary.X64);

    [ServiceBinaryFact(ServiceBinary.X64Variable)]
    public Task Upserted_agent_is_read_back_and_survives_a_restart() =>
        ServiceBinaryScenarios.UpsertedAgentSurvivesRestart(ServiceBinary.X64);
}

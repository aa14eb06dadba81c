namespace Appliance.Hal.Leds;

/// <summary>The line-status LEDs on the front panel; meanings are in docs/hal.md.</summary>
public enum LedId
{
    Power,
    Line,
    Ringing,
    InCall,
    AgentSpeaking,
    Cloud,
    Fault,
}

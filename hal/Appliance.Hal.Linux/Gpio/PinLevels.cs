using System.Device.Gpio;
using Appliance.Hal.Board;

namespace Appliance.Hal.Linux.Gpio;

/// <summary>Translates between "active" (lit, closed, ringing) and electrical levels for a pin's polarity.</summary>
internal static class PinLevels
{
    public static PinValue ToLevel(PinProfile pin, bool active) => active != pin.ActiveLow ? PinValue.High : PinValue.Low;

    public static bool IsActive(PinProfile pin, PinValue level) => (level == PinValue.High) != pin.ActiveLow;

    public static bool IsActive(PinProfile pin, PinEventTypes change) => (change == PinEventTypes.Rising) != pin.ActiveLow;

    public static int Number(PinProfile pin) => pin.Pin ?? throw new InvalidOperationException("board profile was not validated: pin number missing");
}

using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using Appliance.Hal.Board;
using Appliance.Hal.Leds;
using Appliance.Hal.Linux.Alsa;
using Appliance.Hal.Linux.Gpio;
using Appliance.Hal.Linux.I2c;

namespace Appliance.Hal.Linux;

/// <summary>A real board: GPIO through System.Device.Gpio and the codec through ALSA, wired as its profile says.</summary>
public sealed class LinuxBoard : IBoard
{
    private readonly GpioController _gpio;
    private readonly GpioRingDetector _ring;
    private readonly GpioLoopCurrentSensor _loop;
    private readonly LedPatternEngine _leds;

    /// <summary>Builds the board over a given controller and codec (tests pass a fake GPIO driver and file PCMs).</summary>
    public LinuxBoard(BoardProfile profile, GpioController gpio, IAudioCodec audio, TimeProvider time, ICodecControl? codecControl = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentNullException.ThrowIfNull(time);
        _gpio = gpio;
        Info = new BoardInfo(profile.Name!, IsSimulated: false, profile.CodecChip ?? "unknown");
        Hook = new GpioHookSwitch(gpio, profile.Pin(BoardPinRole.HookRelay));
        _ring = new GpioRingDetector(gpio, profile.Pin(BoardPinRole.RingDetect), time);
        _loop = new GpioLoopCurrentSensor(gpio, profile.Pin(BoardPinRole.LoopCurrent), time);
        _leds = new LedPatternEngine(new GpioLedDriver(gpio, profile), time);
        Audio = audio;
        CodecControl = codecControl;
    }

    public BoardInfo Info { get; }

    public IHookSwitch Hook { get; }

    public IRingDetector Ring => _ring;

    public ILoopCurrentSensor LoopCurrent => _loop;

    public ILineStatusLeds Leds => _leds;

    public IAudioCodec Audio { get; }

    /// <summary>The codec's I2C control port, when the profile names one with a known driver (WM8960).</summary>
    public ICodecControl? CodecControl { get; }

    /// <summary>Opens the board named by a validated profile: libgpiod on its chip (sysfs if libgpiod is missing) and ALSA.</summary>
    public static LinuxBoard Open(BoardProfile profile, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var gpio = new GpioController(OpenGpioDriver(profile.GpioChip!));
        try
        {
            var audio = new AlsaAudioCodec(profile.Audio!.AlsaDevice!, profile.Audio.AlsaDevice!, profile.Audio.SampleRate, profile.Audio.AlsaConfigFile);
            var control = profile.CodecControl is { } i2c && (profile.CodecChip ?? "").Contains("wm8960", StringComparison.OrdinalIgnoreCase)
                ? Wm8960CodecControl.Open(i2c.Bus, i2c.Address)
                : null;
            return new LinuxBoard(profile, gpio, audio, time, control);
        }
        catch
        {
            gpio.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Hook.SetHook(HookState.OnHook); // never leave the line seized
        _leds.Dispose();
        _ring.Dispose();
        _loop.Dispose();
        (Audio as IDisposable)?.Dispose();
        (CodecControl as IDisposable)?.Dispose();
        _gpio.Dispose();
    }

    private static GpioDriver OpenGpioDriver(string chip)
    {
        int number = chip.StartsWith("gpiochip", StringComparison.Ordinal) && int.TryParse(chip.AsSpan(8), out int n) ? n : 0;
        try
        {
            return new LibGpiodDriver(number);
        }
        catch (Exception ex) when (ex is DllNotFoundException or PlatformNotSupportedException or IOException)
        {
            return new SysFsDriver(); // older kernels / images without libgpiod
        }
    }
}

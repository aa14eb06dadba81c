using Appliance.Hal.Board;

namespace Appliance.Hal.Tests.Board;

public class BoardProfileLoaderTests
{
    private const string Valid = """
        {
          "name": "t", "gpioChip": "gpiochip0",
          "pins": {
            "hookRelay": { "pin": 1 }, "ringDetect": { "pin": 2, "activeLow": true, "debounceMs": 5 },
            "loopCurrent": { "pin": 3 }, "ledPower": { "pin": 4 }, "ledLine": { "pin": 5 },
            "ledRinging": { "pin": 6 }, "ledInCall": { "pin": 7 }, "ledAgentSpeaking": { "pin": 8 },
            "ledCloud": { "pin": 9 }, "ledFault": { "pin": 10 }
          },
          "audio": { "alsaDevice": "hw:0", "sampleRate": 8000 }
        }
        """;

    private static BoardProfileException Invalid(string json) =>
        Assert.Throws<BoardProfileException>(() => BoardProfileLoader.Parse(json));

    [Fact]
    public void Valid_profile_loads_with_pin_settings()
    {
        var profile = BoardProfileLoader.Parse(Valid);
        Assert.Equal(2, profile.Pin(BoardPinRole.RingDetect).Pin);
        Assert.True(profile.Pin(BoardPinRole.RingDetect).ActiveLow);
        Assert.Equal(5, profile.Pin(BoardPinRole.RingDetect).DebounceMs);
        Assert.Equal(10, profile.Pin(BoardPinRole.LedFault).Pin);
    }

    [Theory]
    [InlineData("appliance-rev-b.json")]
    [InlineData("simulated.json")]
    public void Shipped_board_profiles_are_valid(string file)
    {
        var profile = BoardProfileLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "boards", file));
        Assert.Equal(Path.GetFileNameWithoutExtension(file), profile.Name);
    }

    [Fact]
    public void Missing_pin_is_named()
    {
        var ex = Invalid(Valid.Replace("\"ledCloud\": { \"pin\": 9 },", "", StringComparison.Ordinal));
        Assert.Equal(["pin 'ledCloud' is missing"], ex.Errors);
    }

    [Fact]
    public void Pin_used_twice_names_both_roles()
    {
        var ex = Invalid(Valid.Replace("\"ledLine\": { \"pin\": 5 }", "\"ledLine\": { \"pin\": 4 }", StringComparison.Ordinal));
        Assert.Equal(["pin 4 is used twice ('ledPower' and 'ledLine')"], ex.Errors);
    }

    [Fact]
    public void Unknown_role_is_rejected()
    {
        var ex = Invalid(Valid.Replace("\"ledFault\": { \"pin\": 10 }", "\"ledFault\": { \"pin\": 10 }, \"ledDisco\": { \"pin\": 11 }", StringComparison.Ordinal));
        Assert.Single(ex.Errors);
        Assert.StartsWith("pin role 'ledDisco' is unknown", ex.Errors[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"pin\": 3 }", "\"pin\": -1 }", "pin 'loopCurrent': line -1 is out of range 0-1023")]
    [InlineData("\"debounceMs\": 5", "\"debounceMs\": 5000", "pin 'ringDetect': debounceMs 5000 is out of range 0-1000")]
    [InlineData("\"sampleRate\": 8000", "\"sampleRate\": 11025", "audio.sampleRate 11025 is not supported (use 8000, 16000 or 48000)")]
    [InlineData("\"alsaDevice\": \"hw:0\"", "\"alsaDevice\": \" \"", "audio.alsaDevice is missing")]
    [InlineData("\"name\": \"t\"", "\"name\": \"\"", "name is missing")]
    [InlineData("\"gpioChip\": \"gpiochip0\",", "", "gpioChip is missing")]
    public void Each_rule_reports_a_clear_error(string find, string replace, string expected)
    {
        var ex = Invalid(Valid.Replace(find, replace, StringComparison.Ordinal));
        Assert.Equal([expected], ex.Errors);
    }

    [Fact]
    public void Misspelled_field_is_rejected_instead_of_ignored()
    {
        var ex = Invalid(Valid.Replace("\"activeLow\"", "\"activLow\"", StringComparison.Ordinal));
        Assert.Contains("not valid JSON", ex.Errors[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{")]
    [InlineData("[1,2]")]
    [InlineData("{\"pins\": {\"hookRelay\": null}}")]
    public void Malformed_input_gives_errors_not_crashes(string json)
    {
        var ex = Invalid(json);
        Assert.NotEmpty(ex.Errors);
    }

    [Fact]
    public void All_errors_are_reported_together()
    {
        var ex = Invalid("{}");
        Assert.Contains("name is missing", ex.Errors);
        Assert.Contains("pins are missing", ex.Errors);
        Assert.Contains("audio is missing", ex.Errors);
    }
}

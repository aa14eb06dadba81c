using Appliance.Configuration.Validation;

namespace Appliance.Configuration.Tests;

public sealed class FormatsTests
{
    [Theory]
    [InlineData("+15551234567", true)]
    [InlineData("+442071838750", true)]
    [InlineData("15551234567", false)]
    [InlineData("+0123", false)]
    [InlineData("+1234567890123456", false)]
    [InlineData("+1 555 123", false)]
    public void E164(string value, bool valid) => Assert.Equal(valid, Formats.IsE164(value));

    [Theory]
    [InlineData("en-US", true)]
    [InlineData("es-419", true)]
    [InlineData("zh-Hant-TW", true)]
    [InlineData("en", true)]
    [InlineData("en_US", false)]
    [InlineData("xx-US", false)]
    [InlineData("EN-us", false)]
    public void Bcp47(string value, bool valid) => Assert.Equal(valid, Formats.IsBcp47(value));

    [Theory]
    [InlineData("America/New_York", true)]
    [InlineData("Europe/London", true)]
    [InlineData("Asia/Tokyo", true)]
    [InlineData("UTC", true)]
    [InlineData("Eastern", false)]
    [InlineData("america/new_york", false)]
    public void IanaZones(string value, bool valid) => Assert.Equal(valid, Formats.IsIanaTimeZone(value));

    [Theory]
    [InlineData("+15551234567", true)]
    [InlineData("tel:+15551234567", true)]
    [InlineData("sip:200@pbx.local", true)]
    [InlineData("1234", true)]
    [InlineData("sip:@pbx", false)]
    [InlineData("tel:555", false)]
    [InlineData("call bob", false)]
    public void TransferTargets(string value, bool valid) => Assert.Equal(valid, Formats.IsTransferTarget(value));

    [Fact]
    public void Template_text_fills_known_variables_and_keeps_unknown_ones()
    {
        var filled = TemplateText.Fill("Hi {{ name }}, it is {{system_time}} re {{other}}",
            new Dictionary<string, string> { ["name"] = "Ana", ["system_time"] = "09:00" });
        Assert.Equal("Hi Ana, it is 09:00 re {{other}}", filled);
    }
}

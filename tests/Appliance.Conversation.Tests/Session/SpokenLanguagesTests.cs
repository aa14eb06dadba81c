using Appliance.Conversation.Session;

namespace Appliance.Conversation.Tests.Session;

public sealed class SpokenLanguagesTests
{
    private static readonly string[] Agent = ["en-US", "es", "fr-CA"];

    [Theory]
    [InlineData("spanish", "es")]      // Whisper verbose_json
    [InlineData("ES", "es")]           // Deepgram detected_language, any case
    [InlineData("es-419", "es")]       // a region the agent does not name: same primary language
    [InlineData("en", "en-US")]
    [InlineData("French", "fr-CA")]
    [InlineData("fr-ca", "fr-CA")]
    public void A_reported_language_maps_to_the_agents_entry(string reported, string expected) =>
        Assert.Equal(expected, SpokenLanguages.Match(reported, Agent));

    [Theory]
    [InlineData("german")]
    [InlineData("de")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("e")]
    public void A_language_the_agent_does_not_speak_matches_nothing(string? reported) =>
        Assert.Null(SpokenLanguages.Match(reported, Agent));
}

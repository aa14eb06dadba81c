namespace Appliance.Conversation.Tests.Fakes;

/// <summary>How a fake cloud server misbehaves.</summary>
public enum FakeFailure
{
    None,
    /// <summary>Answers 500 with an error body.</summary>
    ServerError,
    /// <summary>Accepts the request and never answers.</summary>
    Hang,
    /// <summary>Sends the start of a streamed answer, then goes silent until the connection drops.</summary>
    StallMidStream,
}

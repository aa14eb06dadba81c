namespace Appliance.Telephony.Sip.Messages;

/// <summary>One header line: the canonical name and the unfolded value, trimmed of surrounding whitespace.</summary>
public readonly record struct SipHeader(string Name, string Value);

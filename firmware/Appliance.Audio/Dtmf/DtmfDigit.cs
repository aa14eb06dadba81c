namespace Appliance.Audio.Dtmf;

/// <summary>A detected key press: the key and the stream time its tone began.</summary>
public readonly record struct DtmfDigit(char Key, TimeSpan Start);

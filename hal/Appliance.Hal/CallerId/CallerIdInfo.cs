namespace Appliance.Hal.CallerId;

/// <summary>Why a caller-ID field is absent, as signalled by the exchange.</summary>
public enum CallerIdAbsence
{
    None,

    /// <summary>'O': out of area / unavailable.</summary>
    Unavailable,

    /// <summary>'P': withheld by the caller.</summary>
    Private,
}

/// <summary>Caller identity received on the line (FSK or DTMF), any field may be missing.</summary>
/// <param name="Number">Calling number, digits only.</param>
/// <param name="Name">Calling name (MDMF only).</param>
/// <param name="DateTime">Exchange date/time as sent, "MMDDHHMM".</param>
public sealed record CallerIdInfo(
    string? Number,
    string? Name = null,
    string? DateTime = null,
    CallerIdAbsence NumberAbsence = CallerIdAbsence.None,
    CallerIdAbsence NameAbsence = CallerIdAbsence.None);

namespace Appliance.Telephony.Sip.Registration;

public enum SipRegistrationState
{
    Unregistered,
    Registering,
    Registered,
    /// <summary>The last attempt failed; a retry is scheduled.</summary>
    Failed,
}

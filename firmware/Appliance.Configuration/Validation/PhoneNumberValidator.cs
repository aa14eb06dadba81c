using Appliance.Configuration.Model;

namespace Appliance.Configuration.Validation;

public static class PhoneNumberValidator
{
    public static ValidationErrors Validate(PhoneNumber n)
    {
        var e = new ValidationErrors();
        if (!Formats.IsE164(n.Number))
        {
            e.Add("number", "must be an E.164 phone number such as +15551234567");
        }
        Check.Length(e, "label", n.Label, 0, 200);
        Check.Length(e, "description", n.Description, 0, 2000);
        Check.OneOf(e, "telephony_provider", n.TelephonyProvider, TelephonyProviders.All);
        return e;
    }
}

using Appliance.Configuration.Model;
using Appliance.Configuration.Store;

namespace Appliance.Service.Endpoints;

/// <summary>/v1/phone-numbers: the numbers and lines the box answers, each mapped to an agent.</summary>
internal static class PhoneNumberEndpoints
{
    public static RouteGroupBuilder MapPhoneNumbers(this IEndpointRouteBuilder routes) =>
        routes.MapCrud("/v1/phone-numbers", "phone_numbers", services =>
        {
            var store = services.GetRequiredService<ConfigurationStore>();
            return new CrudOperations<PhoneNumber>("phone number", store.CreatePhoneNumber, store.ListPhoneNumbers,
                store.GetPhoneNumber, store.UpdatePhoneNumber, store.DeletePhoneNumber);
        }).WithTags("phone-numbers");
}

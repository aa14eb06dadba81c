using Appliance.Configuration.Store;
using Appliance.Configuration.Validation;
using Appliance.Service.Http;

namespace Appliance.Service.Compat;

/// <summary>Runs a dialect's store operation and answers every failure as problem details in the dialect's field names.</summary>
internal static class CompatResults
{
    public static IResult Guard(DialectErrors names, Func<IResult> operation)
    {
        try
        {
            return operation();
        }
        catch (ValidationException ex)
        {
            return ApiResults.Validation(names.Rename(ex.Errors));
        }
        catch (ConflictException ex)
        {
            return ApiResults.Guard(() => throw new ConflictException(names.RenamePath(ex.Field), ex.Message));
        }
        catch (NotFoundException ex)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", ex.Message);
        }
    }

    /// <summary>Runs one step of a multi-step request; on failure gives the problem response instead of a value.</summary>
    public static T? Try<T>(DialectErrors names, Func<T> operation, out IResult? problem) where T : class
    {
        T? value = null;
        problem = Guard(names, () =>
        {
            value = operation();
            return Results.Empty;
        });
        if (value is not null)
        {
            problem = null;
        }
        return value;
    }

    public static IResult Invalid(ValidationErrors errors) => ApiResults.Validation(errors);
}

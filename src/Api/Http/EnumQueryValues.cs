using EmulationApi.Api.Errors;

namespace EmulationApi.Api.Http;

/// <summary>
/// Holds enum values in the route and query to the rule bodies follow (<see cref="UnknownEnumValueException.IsName"/>).
/// Minimal APIs bind an enum with <see cref="Enum.TryParse(Type, string?, out object?)"/>, which also takes numbers
/// (<c>?kind=2</c>), comma lists and padded names; the contract lists names. So before the endpoint binds them, a value
/// that is not one of the names fails the request as the framework's own binding failures do
/// (<see cref="BadHttpRequestException"/>), and <see cref="BindingFailure"/> answers it: 400 naming the parameter and
/// listing the names. An empty value is left to the framework, which takes it as absent.
/// </summary>
public static class EnumQueryValues
{
    public static IApplicationBuilder UseEnumNamesOnly(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            if (http.GetEndpoint() is { } endpoint)
            {
                foreach (var (name, enumType) in BindingFailure.EnumParameters(endpoint))
                {
                    if (BindingFailure.Find(http, name).Values.Any(v => !string.IsNullOrEmpty(v) && !UnknownEnumValueException.IsName(enumType, v)))
                        throw new BadHttpRequestException(Domain.Common.Localized.Text($"The value of '{name}' is not one of its names.", $"Giá trị của '{name}' không thuộc các tên được phép."), StatusCodes.Status400BadRequest);
                }
            }
            return next(http);
        });
}

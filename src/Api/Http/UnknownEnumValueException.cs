using System.Text.Json;

namespace EmulationApi.Api.Http;

/// <summary>
/// A value that names no member of <see cref="EnumType"/>, in a JSON body (thrown by <see cref="StrictEnumConverter"/>)
/// or in a query; the answer lists <see cref="AllowedNames"/>. A <see cref="JsonException"/>, so the serializer adds the
/// path of the field.
/// </summary>
public sealed class UnknownEnumValueException(Type enumType, string? value) : JsonException(Describe(enumType, value))
{
    public Type EnumType { get; } = enumType;

    /// <summary>The value as sent; null when it was not a string.</summary>
    public string? Value { get; } = value;

    public IReadOnlyList<string> AllowedNames => Enum.GetNames(EnumType);

    /// <summary>
    /// The one rule for an enum value on the wire, in a body and in a query alike: one of the names exactly as the
    /// OpenAPI document lists them. Not a number ("2"), not another case ("department"), not a comma list or a padded
    /// name — all of which <see cref="Enum.TryParse(Type, string?, bool, out object?)"/> would take.
    /// </summary>
    public static bool IsName(Type enumType, string? value) =>
        value is not null && Array.Exists(Enum.GetNames(enumType), name => string.Equals(name, value, StringComparison.Ordinal));

    /// <summary>"'Nope' is not one of: A, B, C." — the message a client reads for an unknown name.</summary>
    public static string Describe(Type enumType, string? value) => Domain.Common.Localized.Text(
        $"{(value is null ? "The value" : $"'{value}'")} is not one of: {string.Join(", ", Enum.GetNames(enumType))}.",
        $"{(value is null ? "Giá trị" : $"'{value}'")} không thuộc các giá trị: {string.Join(", ", Enum.GetNames(enumType))}.");
}

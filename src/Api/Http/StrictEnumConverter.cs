using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmulationApi.Api.Http;

/// <summary>
/// Enums travel as their names. Reading takes only a name exactly as listed (<see cref="UnknownEnumValueException.IsName"/>:
/// no number, no other case, the same rule as in a query); anything else fails with <see cref="UnknownEnumValueException"/>,
/// which knows the names a client may send.
/// </summary>
public sealed class StrictEnumConverter : JsonConverterFactory
{
    private readonly JsonStringEnumConverter _inner = new(allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert) => _inner.CanConvert(typeToConvert);

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert), _inner.CreateConverter(typeToConvert, options));

    private sealed class Converter<T>(JsonConverter inner) : JsonConverter<T> where T : struct, Enum
    {
        private readonly JsonConverter<T> _inner = (JsonConverter<T>)inner;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var sent = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            return UnknownEnumValueException.IsName(typeof(T), sent) ? Enum.Parse<T>(sent!) : throw new UnknownEnumValueException(typeof(T), sent);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _inner.Write(writer, value, options);
    }
}

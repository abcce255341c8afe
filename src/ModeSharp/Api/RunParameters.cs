using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModeSharp.Api;

/// <summary>Writes the body of <c>POST …/runs</c>: flat <c>{"parameters": {...}}</c> (the one Mode write body not wrapped in its resource name).</summary>
internal static class RunParameters
{
    public static byte[] ToBody(IReadOnlyDictionary<string, object?>? parameters)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("parameters");
            foreach (var (name, value) in parameters ?? new Dictionary<string, object?>())
            {
                writer.WritePropertyName(name);
                WriteValue(writer, name, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter writer, string name, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int or long or short or byte or sbyte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                writer.WriteNumberValue(u);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case double or float:
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (!double.IsFinite(d))
                {
                    throw new ArgumentException($"Parameter '{name}' is {d}, which JSON cannot carry.", nameof(value));
                }

                writer.WriteNumberValue(d);
                break;
            case DateOnly date:
                writer.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case DateTime dateTime:
                writer.WriteStringValue(dateTime.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset dateTimeOffset:
                writer.WriteStringValue(dateTimeOffset.ToString("O", CultureInfo.InvariantCulture));
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case JsonNode node:
                node.WriteTo(writer);
                break;
            case IEnumerable items:
                // Multi-select parameters are JSON arrays.
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(writer, name, item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException(
                    $"Parameter '{name}' has type {value.GetType().Name}; use a string, number, boolean, date, a list of those, or a JsonElement.", nameof(value));
        }
    }
}

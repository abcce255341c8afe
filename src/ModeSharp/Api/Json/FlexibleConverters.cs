using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModeSharp.Api.Json;

// Mode's field types drift (ids are integers in 2021 recordings and decimal strings in 2026 ones; flags
// are documented as strings and sent as booleans). These converters accept every spelling seen and turn
// anything else into null instead of failing the whole document: a field we cannot read must not cost the run.

/// <summary>Reads a string, number or boolean as text (ids arrive as either).</summary>
internal sealed class FlexibleStringConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            case JsonTokenType.Null:
                return null;
            default:
                using (var doc = JsonDocument.ParseValue(ref reader))
                {
                    return doc.RootElement.GetRawText();
                }
        }
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}

/// <summary>Reads <c>true</c>/<c>false</c>, <c>"true"</c>/<c>"false"</c>, 1/0; anything else is null.</summary>
internal sealed class FlexibleBooleanConverter : JsonConverter<bool?>
{
    public override bool HandleNull => true;

    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var n) ? n != 0 : null;
            case JsonTokenType.String:
                var s = reader.GetString();
                if (bool.TryParse(s, out var b))
                {
                    return b;
                }

                return s switch { "1" or "t" => true, "0" or "f" => false, _ => null };
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is { } b)
        {
            writer.WriteBooleanValue(b);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>Reads an integer sent as a number or a decimal string; anything else is null.</summary>
internal sealed class FlexibleInt64Converter : JsonConverter<long?>
{
    public override bool HandleNull => true;

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var n))
                {
                    return n;
                }

                return reader.TryGetDouble(out var d) && d is >= long.MinValue and <= long.MaxValue ? (long)d : null;
            case JsonTokenType.String:
                return long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : null;
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        if (value is { } n)
        {
            writer.WriteNumberValue(n);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>Reads ISO-8601 timestamps, including offsets without a colon (<c>+0000</c>); anything else is null.</summary>
internal sealed class FlexibleDateTimeOffsetConverter : JsonConverter<DateTimeOffset?>
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzz00",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ssK",
    ];

    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        if (reader.TryGetDateTimeOffset(out var value))
        {
            return value;
        }

        return Parse(reader.GetString());
    }

    internal static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // "+0000" is not ISO-8601 extended format; insert the colon .NET expects.
        if (text.Length > 5 && (text[^5] == '+' || text[^5] == '-') && char.IsAsciiDigit(text[^4]) && text.AsSpan(^4).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            text = string.Concat(text.AsSpan(0, text.Length - 2), ":", text.AsSpan(text.Length - 2));
        }

        return DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out parsed)
            ? parsed
            : null;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteStringValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>Reads a run state string; a missing or non-string state is "unknown" (in progress).</summary>
internal sealed class RunStateConverter : JsonConverter<RunState>
{
    public override bool HandleNull => true;

    public override RunState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new RunState(reader.GetString());
        }

        reader.Skip();
        return default;
    }

    public override void Write(Utf8JsonWriter writer, RunState value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}

/// <summary>Reads a JSON object as a map of raw values; anything else is an empty map.</summary>
internal sealed class JsonObjectMapConverter : JsonConverter<IReadOnlyDictionary<string, JsonElement>>
{
    public override bool HandleNull => true;

    public override IReadOnlyDictionary<string, JsonElement> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var map = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        using var doc = JsonDocument.ParseValue(ref reader);
        if (doc.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                map[property.Name] = property.Value.Clone();
            }
        }

        return map;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, element) in value)
        {
            writer.WritePropertyName(name);
            element.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}

/// <summary>Reads HAL <c>_links</c>; each entry may be an object, a bare string or an array (first wins).</summary>
internal sealed class HalLinksConverter : JsonConverter<IReadOnlyDictionary<string, HalLink>>
{
    public override bool HandleNull => true;

    public override IReadOnlyDictionary<string, HalLink> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var links = new Dictionary<string, HalLink>(StringComparer.Ordinal);
        using var doc = JsonDocument.ParseValue(ref reader);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            return links;
        }

        foreach (var property in doc.RootElement.EnumerateObject())
        {
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
            {
                value = value[0];
            }

            if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } bare)
            {
                links[property.Name] = new HalLink(bare);
            }
            else if (value.ValueKind == JsonValueKind.Object
                && value.TryGetProperty("href", out var href) && href.ValueKind == JsonValueKind.String
                && href.GetString() is { Length: > 0 } target)
            {
                var templated = value.TryGetProperty("templated", out var t) && t.ValueKind == JsonValueKind.True;
                links[property.Name] = new HalLink(target, templated);
            }
        }

        return links;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, HalLink> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, link) in value)
        {
            writer.WriteStartObject(name);
            writer.WriteString("href", link.Href);
            if (link.Templated)
            {
                writer.WriteBoolean("templated", true);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}

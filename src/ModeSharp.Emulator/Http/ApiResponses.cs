using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ModeSharp.Emulator.Http;

/// <summary>Writes HAL JSON documents and Mode's error bodies.</summary>
internal static class ApiResponses
{
    public const string HalJson = "application/hal+json; charset=utf-8";
    public const string HelpHref = "https://mode.com/help";

    public static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = HalJson;
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Mode's error body: <c>{"id","message","_links":{"help"}}</c>.</summary>
    public static Task ErrorAsync(HttpContext context, int status, string id, string message) =>
        WriteAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("message", message);
            w.WriteStartObject("_links");
            w.WriteStartObject("help");
            w.WriteString("href", HelpHref);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });

    public static Task NotFoundAsync(HttpContext context, string message) => ErrorAsync(context, StatusCodes.Status404NotFound, "not_found", message);

    public static Task BadRequestAsync(HttpContext context, string message) => ErrorAsync(context, StatusCodes.Status400BadRequest, "bad_request", message);

    /// <summary>ISO 8601 UTC with milliseconds and Z, as Mode writes every timestamp.</summary>
    public static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture);

    public static void WriteTime(this Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, Iso(v));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    public static void WriteLink(this Utf8JsonWriter w, string name, string href, bool templated = false)
    {
        w.WriteStartObject(name);
        w.WriteString("href", href);
        if (templated)
        {
            w.WriteBoolean("templated", true);
        }

        w.WriteEndObject();
    }

    /// <summary>Writes HAL's <c>"_embedded": { "name": [ … ] }</c>, one element per item.</summary>
    public static void WriteEmbedded<T>(this Utf8JsonWriter w, string name, IEnumerable<T> items, Action<T> writeItem)
    {
        w.WriteStartObject("_embedded");
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            writeItem(item);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}

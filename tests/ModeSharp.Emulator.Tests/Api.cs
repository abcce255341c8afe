using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ModeSharp.Emulator.Tests;

/// <summary>Real HTTP against a real emulator on a loopback port: helpers shared by the tests.</summary>
internal static class Api
{
    public const string Ws = SampleWorkspace.Name;

    public static HttpClient Client(ModeEmulator emulator, bool authenticated = true, bool decompress = true, bool followRedirects = true)
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = decompress ? DecompressionMethods.GZip : DecompressionMethods.None,
            AllowAutoRedirect = followRedirects,
        };
        var http = new HttpClient(handler) { BaseAddress = emulator.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        if (authenticated)
        {
            http.DefaultRequestHeaders.Authorization = Basic(emulator.Token, emulator.Secret);
        }

        return http;
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"GET {path}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> PostRunAsync(this HttpClient http, string report, string body = "{\"parameters\":{}}", HttpStatusCode expected = HttpStatusCode.Accepted)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync($"api/{Ws}/reports/{report}/runs", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"POST runs of {report}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Creates a run (RunDuration zero finishes it on the next read) and returns it as read back.</summary>
    public static async Task<JsonElement> RunAsync(this HttpClient http, string report, string parameters = "{}")
    {
        var created = await http.PostRunAsync(report, $"{{\"parameters\":{parameters}}}");
        return await http.GetJsonAsync($"api/{Ws}/reports/{report}/runs/{created.Str("token")}");
    }

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;

    public static string Href(this JsonElement e, string link) => e.GetProperty("_links").GetProperty(link).GetProperty("href").GetString()!;

    public static JsonElement[] Embedded(this JsonElement e, string name) => [.. e.GetProperty("_embedded").GetProperty(name).EnumerateArray()];

    /// <summary>Fetches an export, checking status, and returns its body as text.</summary>
    public static async Task<string> GetTextAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return body;
    }

    public static string[] Lines(string csv) => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static async Task<Dictionary<string, string>> ReadZipAsync(Stream zip)
    {
        var copy = new MemoryStream();
        await zip.CopyToAsync(copy);
        copy.Position = 0;
        using var archive = new ZipArchive(copy, ZipArchiveMode.Read);
        var result = new Dictionary<string, string>();
        foreach (var entry in archive.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            result[entry.FullName] = await reader.ReadToEndAsync();
        }

        return result;
    }
}

using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModeSharp.Results;

namespace ModeSharp.Tests.Results;

/// <summary>Row 13 of the known failures: reading straight from an HTTP response, non-seekable, in one pass.</summary>
public sealed class StreamingInputTests : IAsyncLifetime
{
    private const string Csv = "id,name,amount,at\n9007199254740993,\"Berkeley Investments, Inc.\",20.7,2021-03-01T10:00:00Z\n2,\"line\nbreak\",-1,2021-03-02T10:00:00Z\n";
    private WebApplication? _server;
    private Uri? _address;

    public async Task InitializeAsync()
    {
        // A real loopback server that writes the body a few bytes at a time, flushing each piece.
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.MapGet("/result.csv", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/csv; charset=utf-8";
            var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Csv)).ToArray();
            for (int i = 0; i < bytes.Length; i += 3)
            {
                await context.Response.Body.WriteAsync(bytes.AsMemory(i, Math.Min(3, bytes.Length - i)));
                await context.Response.Body.FlushAsync();
            }
        });
        await _server.StartAsync();
        _address = new Uri(_server.Urls.First());
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    private async Task<Stream> OpenAsync(HttpClient http)
    {
        var response = await http.GetAsync(new Uri(_address!, "/result.csv"), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStreamAsync();
    }

    [Fact]
    public async Task Row13_http_response_body_reads_into_a_typed_frame_in_one_pass()
    {
        using var http = new HttpClient();
        await using var body = await OpenAsync(http);
        Assert.False(body.CanSeek);
        var r = await CsvFrameReader.ReadAsync(body);
        Assert.Equal(9007199254740993L, r.Cell("id", 0));
        Assert.Equal("line\nbreak", r.Cell("name", 1));
        Assert.Equal(20.7, r.Cell("amount", 0));
        Assert.True(r.Specification["at"]!.IsUtc);
    }

    [Fact]
    public async Task Http_response_body_streams_as_records()
    {
        using var http = new HttpClient();
        await using var body = await OpenAsync(http);
        var items = new List<Payment>();
        await foreach (var item in CsvRecordReader.ReadAsync<Payment>(body)) items.Add(item);
        Assert.Equal(2, items.Count);
        Assert.Equal(9007199254740993L, items[0].Id);
        Assert.Equal(-1m, items[1].Amount);
        Assert.Equal(new DateTimeOffset(2021, 3, 2, 10, 0, 0, TimeSpan.Zero), items[1].At);
    }

    private sealed class Payment
    {
        public long Id { get; set; }
        public string? Name { get; set; }
        public decimal Amount { get; set; }
        public DateTimeOffset At { get; set; }
    }
}

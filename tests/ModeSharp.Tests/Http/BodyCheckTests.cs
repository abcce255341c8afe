using System.IO.Compression;
using System.Text;
using ModeSharp.Http;

namespace ModeSharp.Tests.Http;

// These feed the body checks byte streams directly: a gzip stream cut inside correct HTTP framing, or a
// short body under a handler that does not check Content-Length, are faults a well-behaved server cannot produce.
public class BodyCheckTests
{
    private static byte[] Csv(int rows)
    {
        var text = new StringBuilder("year,sets\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(1950 + (i % 70)).Append(',').Append(i * 7).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    [Fact]
    public async Task A_whole_gzip_body_decodes_to_the_original_bytes()
    {
        var data = Csv(5000);
        await using var stream = new GzipVerifyingStream(new MemoryStream(Gzip(data)));
        using var copy = new MemoryStream();

        await stream.CopyToAsync(copy);

        Assert.Equal(data, copy.ToArray());
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public async Task A_gzip_body_cut_short_throws_instead_of_ending_early(double fraction)
    {
        var gz = Gzip(Csv(5000));
        var cut = gz[..(int)(gz.Length * fraction)];
        await using var stream = new GzipVerifyingStream(new MemoryStream(cut));

        await Assert.ThrowsAsync<InvalidDataException>(() => stream.CopyToAsync(Stream.Null));
    }

    [Fact]
    public void A_gzip_body_missing_its_last_byte_throws_on_synchronous_reads_too()
    {
        var gz = Gzip(Csv(100));
        using var stream = new GzipVerifyingStream(new MemoryStream(gz[..^1]));

        Assert.Throws<InvalidDataException>(() => stream.CopyTo(Stream.Null));
    }

    [Fact]
    public async Task A_body_shorter_than_its_content_length_throws()
    {
        await using var stream = new LengthCheckedStream(new MemoryStream(new byte[10]), 20);

        var error = await Assert.ThrowsAsync<IOException>(() => stream.CopyToAsync(Stream.Null));
        Assert.Contains("20", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_matching_its_content_length_passes()
    {
        await using var stream = new LengthCheckedStream(new MemoryStream(new byte[20]), 20);
        using var copy = new MemoryStream();

        await stream.CopyToAsync(copy);

        Assert.Equal(20, copy.Length);
    }

    [Fact]
    public async Task Gzip_is_detected_by_its_signature_when_the_header_is_missing()
    {
        var data = Csv(50);
        using var content = new ByteArrayContent(Gzip(data));

        await using var decoded = await ContentDecoding.OpenAsync(content, CancellationToken.None);
        using var copy = new MemoryStream();
        await decoded.CopyToAsync(copy);

        Assert.Equal(data, copy.ToArray());
    }

    [Fact]
    public async Task Deflate_in_zlib_or_raw_form_is_decoded()
    {
        var data = Csv(50);
        foreach (var raw in new[] { false, true })
        {
            using var compressed = new MemoryStream();
            await using (Stream z = raw ? new DeflateStream(compressed, CompressionLevel.Optimal, true) : new ZLibStream(compressed, CompressionLevel.Optimal, true))
            {
                z.Write(data);
            }

            using var content = new ByteArrayContent(compressed.ToArray());
            content.Headers.ContentEncoding.Add("deflate");
            await using var decoded = await ContentDecoding.OpenAsync(content, CancellationToken.None);
            using var copy = new MemoryStream();
            await decoded.CopyToAsync(copy);
            Assert.Equal(data, copy.ToArray());
        }
    }

    [Fact]
    public async Task A_plain_body_passes_through_untouched()
    {
        var data = Csv(3);
        using var content = new ByteArrayContent(data);

        await using var decoded = await ContentDecoding.OpenAsync(content, CancellationToken.None);
        using var copy = new MemoryStream();
        await decoded.CopyToAsync(copy);

        Assert.Equal(data, copy.ToArray());
    }
}

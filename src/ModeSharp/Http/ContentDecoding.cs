using System.IO.Compression;

namespace ModeSharp.Http;

/// <summary>
/// Turns a response's content into the decoded body: length-checked on the wire, then gzip or deflate
/// decoded by <c>Content-Encoding</c>, or by the gzip signature when the header is missing
/// (Mode sends gzip even unasked, and a caller's handler may have stripped or kept the header).
/// </summary>
internal static class ContentDecoding
{
    public static async Task<Stream> OpenAsync(HttpContent content, CancellationToken cancellationToken)
    {
        Stream raw = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (content.Headers.ContentLength is { } length)
            {
                raw = new LengthCheckedStream(raw, length);
            }

            var encoding = content.Headers.ContentEncoding.LastOrDefault()?.Trim().ToLowerInvariant();
            var peeked = await PrefixedStream.PeekAsync(raw, 2, cancellationToken).ConfigureAwait(false);
            var prefix = peeked.Prefix;
            var looksGzip = prefix.Length == 2 && prefix[0] == 0x1F && prefix[1] == 0x8B;
            switch (encoding)
            {
                case "gzip" or "x-gzip":
                    return new GzipVerifyingStream(peeked);
                case "deflate":
                    // RFC 9110's "deflate" is zlib-wrapped, but some servers send raw deflate: tell them apart by the zlib header.
                    var zlib = prefix.Length == 2 && (prefix[0] & 0x0F) == 8 && ((prefix[0] << 8) | prefix[1]) % 31 == 0;
                    return zlib ? new ZLibStream(peeked, CompressionMode.Decompress) : new DeflateStream(peeked, CompressionMode.Decompress);
                case null or "" or "identity":
                    return looksGzip ? new GzipVerifyingStream(peeked) : peeked;
                default:
                    throw new InvalidDataException($"The response uses Content-Encoding '{encoding}', which ModeSharp does not decode.");
            }
        }
        catch
        {
            await raw.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}

using ModeSharp.Http;

namespace ModeSharp.Api;

/// <summary>
/// The body of a Mode export, decoded and checked, read straight from the network (never buffered whole: at most
/// <see cref="ModeClientOptions.ReadAheadBytes"/> are read and gunzipped ahead of the caller, on a background task).
/// A body that ends early, a broken gzip stream or a stalled download raises <see cref="ModeApiException"/>
/// (<see cref="ModeFailureKind.IncompleteBody"/> or <see cref="ModeFailureKind.Timeout"/>) instead of ending quietly.
/// Dispose it to release the connection.
/// </summary>
public sealed class ModeResultStream : Stream
{
    private readonly Stream _inner;
    private readonly HttpResponseMessage _response;
    private readonly TimeSpan _idleTimeout;
    private readonly ITimer? _idleTimer;
    private volatile bool _idleFired;
    private bool _disposed;

    /// <summary>Whether the body is decoded ahead of the reader on a thread of its own (<see cref="ModeClientOptions.ReadAheadBytes"/>).</summary>
    internal bool ReadsAhead => _inner is Http.ReadAheadStream;

    internal ModeResultStream(Stream inner, HttpResponseMessage response, string method, string path, ModeRequestContext context, TimeSpan idleTimeout, TimeProvider timeProvider)
    {
        _inner = inner;
        _response = response;
        _idleTimeout = idleTimeout;
        Method = method;
        Path = path;
        ReportToken = context.ReportToken;
        RunToken = context.RunToken;
        QueryRunToken = context.QueryRunToken;
        MediaType = response.Content.Headers.ContentType?.MediaType;
        FileName = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
        if (idleTimeout > TimeSpan.Zero && idleTimeout != Timeout.InfiniteTimeSpan)
        {
            _idleTimer = timeProvider.CreateTimer(_ => OnIdle(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The media type Mode declared, e.g. <c>text/csv</c>, <c>application/json</c>, <c>application/zip</c>.</summary>
    public string? MediaType { get; }

    /// <summary>The file name from <c>Content-Disposition</c>, when given.</summary>
    public string? FileName { get; }

    /// <summary>HTTP method of the request.</summary>
    public string Method { get; }

    /// <summary>Path the body came from (after redirects are resolved, the original API path).</summary>
    public string Path { get; }

    /// <summary>The report token.</summary>
    public string? ReportToken { get; }

    /// <summary>The run token.</summary>
    public string? RunToken { get; }

    /// <summary>The query run token, for per-query exports.</summary>
    public string? QueryRunToken { get; }

    /// <summary>The decoded body this stream reads from (a <c>ReadAheadStream</c> unless reading ahead is off).</summary>
    internal Stream Inner => _inner;

    /// <summary>Decoded bytes delivered so far.</summary>
    public long BytesRead { get; private set; }

    /// <inheritdoc />
    public override bool CanRead => !_disposed;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException("An export's decoded length is not known until it has been read.");

    /// <inheritdoc />
    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        Arm();
        try
        {
            var n = _inner.Read(buffer);
            BytesRead += n;
            return n;
        }
        catch (Exception e) when (IsBodyFailure(e))
        {
            throw Translate(e);
        }
        finally
        {
            Disarm();
        }
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Arm();
        try
        {
            var n = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            BytesRead += n;
            return n;
        }
        catch (Exception e) when (IsBodyFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            throw Translate(e);
        }
        finally
        {
            Disarm();
        }
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Describes the stream without its content.</summary>
    public override string ToString() => $"ModeResultStream({Method} {Path}, {MediaType ?? "unknown type"}, {BytesRead} bytes read)";

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _idleTimer?.Dispose();
            _inner.Dispose();
            _response.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool IsBodyFailure(Exception e) =>
        e is IOException or HttpRequestException or InvalidDataException
        || (_idleFired && e is ObjectDisposedException or OperationCanceledException);

    private void Arm() => _idleTimer?.Change(_idleTimeout, Timeout.InfiniteTimeSpan);

    private void Disarm() => _idleTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    private void OnIdle()
    {
        // Aborting the response is the only way to unblock a synchronous read stuck on a silent socket.
        _idleFired = true;
        _response.Dispose();
    }

    private ModeApiException Translate(Exception e)
    {
        if (_idleFired)
        {
            return new ModeApiException(
                $"{Method} {Path}: no data arrived for {_idleTimeout.TotalSeconds:0.#} s after {BytesRead} bytes, so the download was abandoned. Raise ModeClientOptions.ReadIdleTimeout if Mode is this slow.",
                ModeFailureKind.Timeout, Method, Path, e)
            { ReportToken = ReportToken, RunToken = RunToken, QueryRunToken = QueryRunToken };
        }

        var what = e is InvalidDataException ? "is corrupt or cut off" : "broke off";
        return new ModeApiException(
            $"The body of {Method} {Path} {what} after {BytesRead} decoded bytes ({e.Message}). Nothing was returned in its place; try the download again.",
            ModeFailureKind.IncompleteBody, Method, Path, e)
        { ReportToken = ReportToken, RunToken = RunToken, QueryRunToken = QueryRunToken };
    }
}

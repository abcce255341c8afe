using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.ExceptionServices;

namespace ModeSharp.Http;

/// <summary>
/// Reads (and so decodes) a response body on a background task, at most a bounded number of bytes ahead of the
/// caller. Why: gunzip, the gzip trailer check and socket reads then run on one core while the CSV reader parses on
/// the other, instead of taking turns on one thread.
/// </summary>
/// <remarks>
/// <para>The body is never buffered whole: a <see cref="Pipe"/> pauses the background task once <c>limit</c> decoded
/// bytes wait unread, and resumes it at half that.</para>
/// <para>Failures keep today's order and types: every byte decoded before a fault is delivered first, then the fault
/// is rethrown to the caller as the same exception object (so <c>ModeResultStream</c> translates it as before).</para>
/// <para>The background task starts on the first asynchronous read. A caller whose first read is synchronous reads the
/// source directly on its own thread (no thread blocks waiting for another). Cancelling a read, or disposing the
/// stream, stops the background task, which then disposes the source.</para>
/// </remarks>
internal sealed class ReadAheadStream : ReadOnlyStream
{
    /// <summary>Smallest read-ahead allowed: a pipe needs room to pause and resume in.</summary>
    public const int MinimumLimit = 8 * 1024;

    private const int MaxReadSize = 64 * 1024;

    private readonly Stream _source;
    private readonly Pipe _pipe;
    private readonly int _readSize;

    // Not disposed: it has no timer, and the background task may still observe its token after Dispose returns.
    private readonly CancellationTokenSource _stop = new();
    private Task? _pump;
    private ExceptionDispatchInfo? _failure;
    private bool _direct;
    private bool _disposed;

    public ReadAheadStream(Stream source, int limit)
    {
        _source = source;
        limit = Math.Max(limit, MinimumLimit);
        _readSize = Math.Min(MaxReadSize, limit / 2);
        _pipe = new Pipe(new PipeOptions(
            pauseWriterThreshold: limit,
            resumeWriterThreshold: limit / 2,
            minimumSegmentSize: _readSize,
            useSynchronizationContext: false));
    }

    /// <summary>Completes when the background task has stopped (and disposed the source); done if it never started.</summary>
    internal Task BackgroundTask => _pump ?? Task.CompletedTask;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_direct)
        {
            return await _source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        if (buffer.IsEmpty)
        {
            return 0;
        }

        _pump ??= Task.Run(PumpAsync, CancellationToken.None);
        try
        {
            while (true)
            {
                var result = await _pipe.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (TryTake(result, buffer.Span, out var n))
                {
                    return n;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up on the body: stop decoding it too.
            _stop.Cancel();
            throw;
        }
    }

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_pump is null)
        {
            _direct = true;
        }

        if (_direct)
        {
            return _source.Read(buffer);
        }

        if (buffer.IsEmpty)
        {
            return 0;
        }

        // The background task is already running (an asynchronous read came first): wait for it.
        while (true)
        {
            var pending = _pipe.Reader.ReadAsync();
            var result = pending.IsCompleted ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
            if (TryTake(result, buffer, out var n))
            {
                return n;
            }
        }
    }

    /// <summary>Copies what the pipe holds; at its end, rethrows the background task's failure, if any.</summary>
    private bool TryTake(ReadResult result, Span<byte> destination, out int taken)
    {
        var data = result.Buffer;
        if (!data.IsEmpty)
        {
            taken = (int)Math.Min(data.Length, destination.Length);
            data.Slice(0, taken).CopyTo(destination);
            _pipe.Reader.AdvanceTo(data.GetPosition(taken));
            return true;
        }

        _pipe.Reader.AdvanceTo(data.Start, data.End);
        taken = 0;
        if (!result.IsCompleted)
        {
            return false;
        }

        _failure?.Throw();
        return true;
    }

    private async Task PumpAsync()
    {
        var writer = _pipe.Writer;
        try
        {
            while (true)
            {
                var n = await _source.ReadAsync(writer.GetMemory(_readSize), _stop.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                writer.Advance(n);
                var flushed = await writer.FlushAsync(_stop.Token).ConfigureAwait(false);
                if (flushed.IsCompleted)
                {
                    break; // the reader side was disposed
                }
            }
        }
        catch (Exception e)
        {
            // Kept, not passed to Complete: the pipe would throw it before the bytes already decoded were read.
            _failure = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            await writer.CompleteAsync().ConfigureAwait(false);
            await _source.DisposeAsync().ConfigureAwait(false);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _stop.Cancel();
            _pipe.Reader.Complete();
            if (_pump is null)
            {
                _source.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}

using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace ModeSharp.Results;

/// <summary>
/// Tokenizes on a second thread while the caller's thread builds columns: the tokenizer fills
/// <see cref="RecordBatch"/>es and hands them over in order, a few at a time, so memory stays a few batches whatever
/// the size of the result. The builder sees the same records in the same order as on one thread, so the frame, its
/// problems and its errors are the same. Dispose (or <see cref="StopAsync"/>) stops the tokenizer and waits for it:
/// the record source must not be touched after the pipeline is gone, since its owner disposes it.
/// </summary>
internal sealed class RecordPipeline
{
    /// <summary>Batches ready or being filled beyond the one being built: enough to keep both threads busy.</summary>
    private const int QueuedBatches = 2;

    private readonly CsvRecordSource _source;
    private readonly bool _trackQuotedEmpty;
    private readonly Channel<RecordBatch> _ready = Channel.CreateBounded<RecordBatch>(new BoundedChannelOptions(QueuedBatches)
    {
        SingleReader = true,
        SingleWriter = true,
    });

    private readonly Channel<RecordBatch> _free = Channel.CreateUnbounded<RecordBatch>(new UnboundedChannelOptions
    {
        SingleReader = true,
        SingleWriter = true,
    });

    private readonly CancellationTokenSource _stop;
    private Task _producer = Task.CompletedTask;

    private RecordPipeline(CsvRecordSource source, CsvReadOptions options, CancellationToken cancellationToken)
    {
        _source = source;
        _trackQuotedEmpty = options.KeepQuotedEmptyAsEmptyString;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>Whether a second thread can help: a machine with one core gains nothing from it.</summary>
    public static bool IsWorthwhile => Environment.ProcessorCount > 1;

    /// <summary>Starts tokenizing the rest of <paramref name="source"/> with blocking reads on a thread of its own.</summary>
    public static RecordPipeline Start(CsvRecordSource source, CsvReadOptions options)
    {
        var pipeline = new RecordPipeline(source, options, CancellationToken.None);
        pipeline._producer = Task.Factory.StartNew(pipeline.Produce, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return pipeline;
    }

    /// <summary>Starts tokenizing the rest of <paramref name="source"/> with asynchronous reads on the thread pool.</summary>
    public static RecordPipeline StartAsync(CsvRecordSource source, CsvReadOptions options, CancellationToken cancellationToken)
    {
        var pipeline = new RecordPipeline(source, options, cancellationToken);
        pipeline._producer = Task.Run(pipeline.ProduceAsync, CancellationToken.None);
        return pipeline;
    }

    /// <summary>The next batch in order, or null at the end of the input. Blocks while the tokenizer is behind.</summary>
    public RecordBatch? Next()
    {
        var reader = _ready.Reader;
        while (true)
        {
            if (reader.TryRead(out var batch)) return batch;
            var wait = reader.WaitToReadAsync();
            if (!(wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult())) return null;
        }
    }

    /// <summary>The next batch in order, or null at the end of the input.</summary>
    public async ValueTask<RecordBatch?> NextAsync(CancellationToken cancellationToken)
    {
        var reader = _ready.Reader;
        while (true)
        {
            if (reader.TryRead(out var batch)) return batch;
            if (!await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                // The last batch is dropped only when the pipeline is being stopped, which a cancelled caller does:
                // never take that for the end of the input.
                cancellationToken.ThrowIfCancellationRequested();
                return null;
            }
        }
    }

    /// <summary>Gives a built batch back for reuse.</summary>
    public void Return(RecordBatch batch)
    {
        batch.Reset();
        _free.Writer.TryWrite(batch);
    }

    /// <summary>Stops the tokenizer if it is still running and waits until it has let go of the source.</summary>
    public void Stop()
    {
        _stop.Cancel();
        try
        {
            _producer.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // stopped while waiting to hand a batch over: what it held is not wanted
        }

        _stop.Dispose();
    }

    /// <inheritdoc cref="Stop"/>
    public async ValueTask StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _producer.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // as in Stop
        }

        _stop.Dispose();
    }

    private RecordBatch Rent() => _free.Reader.TryRead(out var batch) ? batch : new RecordBatch();

    // The tokenizer's loop ends in one of two ways: the input ends, or something throws (bad data, a failed read, a
    // stop). Either way the batch in hand goes over last, carrying the error if there was one, and the queue closes.
    // The only batch ever dropped is one that cannot be handed over because the pipeline is being stopped.
    private void Produce()
    {
        var batch = Rent();
        try
        {
            while (_source.Read())
            {
                batch.Add(_source, _trackQuotedEmpty);
                if (!batch.IsFull) continue;
                _stop.Token.ThrowIfCancellationRequested();
                if (!_ready.Writer.TryWrite(batch)) _ready.Writer.WriteAsync(batch, _stop.Token).AsTask().GetAwaiter().GetResult();
                batch = Rent();
            }
        }
        catch (Exception e)
        {
            batch.Error = ExceptionDispatchInfo.Capture(e);
        }

        try
        {
            if (!_ready.Writer.TryWrite(batch)) _ready.Writer.WriteAsync(batch, _stop.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // being stopped: nobody takes batches any more
        }

        _ready.Writer.TryComplete();
    }

    private async Task ProduceAsync()
    {
        var batch = Rent();
        try
        {
            while (await _source.ReadAsync(_stop.Token).ConfigureAwait(false))
            {
                batch.Add(_source, _trackQuotedEmpty);
                if (!batch.IsFull) continue;
                await _ready.Writer.WriteAsync(batch, _stop.Token).ConfigureAwait(false);
                batch = Rent();
            }
        }
        catch (Exception e)
        {
            batch.Error = ExceptionDispatchInfo.Capture(e);
        }

        try
        {
            await _ready.Writer.WriteAsync(batch, _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // as in Produce
        }

        _ready.Writer.TryComplete();
    }
}

using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace ModeSharp.Results;

/// <summary>
/// Tokenizes on a second thread while the caller's thread builds columns: the tokenizer fills
/// <see cref="RecordBatch"/>es and hands them over in order, a few at a time, so memory stays a few batches whatever
/// the size of the result. The builder sees the same records in the same order as on one thread, so the frame, its
/// problems and its errors are the same. After the last batch <see cref="Stop"/> waits for the tokenizer's last step;
/// after a failure <see cref="Abandon"/> stops it without waiting and defers disposing the source until it is done.
/// </summary>
/// <remarks>
/// The hand-over is two semaphores around a queue, not a channel: a synchronous read blocks on them without needing a
/// thread-pool thread to wake it (a channel's waits complete on the pool, so a busy pool stalled every hand-over).
/// A batch goes over when it is full, and also whenever the tokenizer is about to read more input, which may block:
/// every record tokenized so far reaches the builder before the tokenizer waits on the stream, so an error in them is
/// reported at once, as on one thread. The tokenizer checks for a stop before every record and before every read of
/// the input; a read that is already blocked cannot be interrupted (unless the stream honours cancellation, on the
/// asynchronous path), so a tokenizer abandoned in one finishes that read in the background and then lets go.
/// </remarks>
internal sealed class RecordPipeline : IDisposable
{
    /// <summary>Batches handed over and not yet taken: with the one being filled and the one being built, at most four exist.</summary>
    private const int QueuedBatches = 2;

    private readonly CsvRecordSource _source;
    private readonly bool _trackQuotedEmpty;
    private readonly ConcurrentQueue<RecordBatch> _ready = new();
    private readonly ConcurrentQueue<RecordBatch> _free = new();
    private readonly SemaphoreSlim _readyCount = new(0);
    private readonly SemaphoreSlim _room = new(QueuedBatches);
    private readonly CancellationTokenSource _stop;
    private RecordBatch _filling;
    private Task _producer = Task.CompletedTask;
    private bool _ended;
    private bool _stopped;
    private volatile bool[] _makeStrings = [];

    private RecordPipeline(CsvRecordSource source, CsvReadOptions options, CancellationToken cancellationToken)
    {
        _source = source;
        _trackQuotedEmpty = options.KeepQuotedEmptyAsEmptyString;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _filling = new RecordBatch();
    }

    /// <summary>Whether a second thread can help: a machine with one core gains nothing from it.</summary>
    public static bool IsWorthwhile => Environment.ProcessorCount > 1;

    /// <summary>Starts tokenizing the rest of <paramref name="source"/> with blocking reads on a thread of its own.</summary>
    public static RecordPipeline Start(CsvRecordSource source, CsvReadOptions options)
    {
        var pipeline = new RecordPipeline(source, options, CancellationToken.None);
        source.BeforeRefill = pipeline.HandOverEarly;
        source.BeforeRefillAsync = null;
        pipeline._producer = Task.Factory.StartNew(pipeline.Produce, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return pipeline;
    }

    /// <summary>Starts tokenizing the rest of <paramref name="source"/> with asynchronous reads on the thread pool.</summary>
    public static RecordPipeline StartAsync(CsvRecordSource source, CsvReadOptions options, CancellationToken cancellationToken)
    {
        var pipeline = new RecordPipeline(source, options, cancellationToken);
        source.BeforeRefill = pipeline.HandOverEarly; // in case the tokenizer reads synchronously
        source.BeforeRefillAsync = pipeline.HandOverEarlyAsync;
        pipeline._producer = Task.Run(pipeline.ProduceAsync, CancellationToken.None);
        return pipeline;
    }

    /// <summary>The next batch in order, or null after the last one. Blocks while the tokenizer is behind.</summary>
    public RecordBatch? Next()
    {
        if (_ended) return null;
        _readyCount.Wait();
        return Take();
    }

    /// <summary>The next batch in order, or null after the last one.</summary>
    public async ValueTask<RecordBatch?> NextAsync(CancellationToken cancellationToken)
    {
        if (_ended) return null;
        await _readyCount.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Take();
    }

    private RecordBatch Take()
    {
        _ready.TryDequeue(out var batch);
        _room.Release();
        _ended = batch!.IsLast;
        return batch;
    }

    /// <summary>
    /// The columns whose non-empty cells the tokenizer should hand over as strings (see <see cref="RecordBatch.Add"/>);
    /// set by the builder as columns settle. A change reaches the tokenizer within a record or so, which is all it needs:
    /// a cell not made into a string is made into one by the builder.
    /// </summary>
    public bool[] MakeStrings
    {
        get => _makeStrings;
        set => _makeStrings = value;
    }

    /// <summary>Gives a built batch back for reuse.</summary>
    public void Return(RecordBatch batch)
    {
        batch.Reset();
        _free.Enqueue(batch);
    }

    /// <summary>
    /// After the last batch: waits for the tokenizer to finish handing it over (it is at its very end). Never throws.
    /// </summary>
    public void Stop()
    {
        if (!BeginStop()) return;
        try
        {
            _producer.GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // The tokenizer hands every failure over in a batch; nothing here may hide the builder's own error.
        }

        EndStop();
    }

    /// <inheritdoc cref="Stop"/>
    public async ValueTask StopAsync()
    {
        if (!BeginStop()) return;
        try
        {
            await _producer.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // as in Stop
        }

        EndStop();
    }

    /// <summary>
    /// After a failure (a builder error, cancellation): tells the tokenizer to stop and waits for it briefly. It starts no
    /// further read of the input and stops within a record, so it normally lets go at once; one stuck in a read that was
    /// already under way (a stalled stream) is left to finish that read in the background, so the failure is not held
    /// up by the stream, and the source is disposed only when it has let go.
    /// </summary>
    public void Abandon()
    {
        if (!BeginStop()) return;
        bool done;
        try
        {
            done = _producer.Wait(AbandonGrace);
        }
        catch (Exception)
        {
            done = true; // cannot happen (the tokenizer hands every failure over); it has let go either way
        }

        Detach(done);
    }

    /// <inheritdoc cref="Abandon"/>
    public async ValueTask AbandonAsync()
    {
        if (!BeginStop()) return;
        bool done = await Task.WhenAny(_producer, Task.Delay(AbandonGrace)).ConfigureAwait(false) == _producer;
        Detach(done);
    }

    /// <summary>How long a failure waits for the tokenizer to let go before leaving it to finish a stalled read alone.</summary>
    private static readonly TimeSpan AbandonGrace = TimeSpan.FromMilliseconds(250);

    private void Detach(bool done)
    {
        if (done)
        {
            EndStop();
            return;
        }

        _source.DisposeAfter(_producer);
        _producer.ContinueWith(static (_, state) => ((RecordPipeline)state!).EndStop(), this, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>The same as <see cref="Abandon"/>.</summary>
    public void Dispose() => Abandon();

    private bool BeginStop()
    {
        if (_stopped) return false;
        _stopped = true;

        // The token reaches the caller's stream, whose callbacks could throw or block: they run on the thread pool, not
        // here, so they can neither replace the error being reported nor hold it up. The request itself takes effect now.
        _stop.CancelAsync().ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return true;
    }

    private void EndStop()
    {
        _source.BeforeRefill = null;
        _source.BeforeRefillAsync = null;
        _stop.Dispose();
        _readyCount.Dispose();
        _room.Dispose();
    }

    private RecordBatch Rent() => _free.TryDequeue(out var batch) ? batch : new RecordBatch();

    /// <summary>
    /// Called by the tokenizer before it reads more input (on the tokenizer's thread), which may block on the stream:
    /// the records tokenized so far go over first, waiting for room if the builder is behind (it is then busy with the
    /// queued batches, and the tokenizer is ahead anyway), so the builder never waits on the stream for records that
    /// are already tokenized. Once stopped, no new read of the input may start.
    /// </summary>
    private void HandOverEarly()
    {
        _stop.Token.ThrowIfCancellationRequested();
        if (_filling.Count == 0) return;
        _room.Wait(_stop.Token);
        Publish();
    }

    /// <inheritdoc cref="HandOverEarly"/>
    private ValueTask HandOverEarlyAsync()
    {
        _stop.Token.ThrowIfCancellationRequested();
        if (_filling.Count == 0) return ValueTask.CompletedTask;
        if (_room.Wait(0))
        {
            Publish();
            return ValueTask.CompletedTask;
        }

        return WaitThenPublishAsync();
    }

    private async ValueTask WaitThenPublishAsync()
    {
        await _room.WaitAsync(_stop.Token).ConfigureAwait(false);
        Publish();
    }

    private void Publish()
    {
        _ready.Enqueue(_filling);
        _readyCount.Release();
        _filling = Rent();
    }

    // The tokenizer's loop ends in one of two ways: the input ends, or something throws (bad data, a failed read, a
    // stop). Either way the batch in hand goes over last, marked last and carrying the error if there was one. The only
    // batch ever dropped is that last one when the pipeline is being stopped, and then nobody takes batches any more.
    private void Produce()
    {
        try
        {
            while (true)
            {
                _stop.Token.ThrowIfCancellationRequested();
                if (!_source.Read()) break;
                _filling.Add(_source, _trackQuotedEmpty, _makeStrings);
                if (!_filling.IsFull) continue;
                _room.Wait(_stop.Token);
                Publish();
            }
        }
        catch (Exception e)
        {
            _filling.Error = ExceptionDispatchInfo.Capture(e);
        }

        try
        {
            _room.Wait(_stop.Token);
            PublishLast();
        }
        catch (OperationCanceledException)
        {
            // being stopped
        }
    }

    private async Task ProduceAsync()
    {
        try
        {
            while (true)
            {
                _stop.Token.ThrowIfCancellationRequested();
                if (!await _source.ReadAsync(_stop.Token).ConfigureAwait(false)) break;
                _filling.Add(_source, _trackQuotedEmpty, _makeStrings);
                if (!_filling.IsFull) continue;
                await _room.WaitAsync(_stop.Token).ConfigureAwait(false);
                Publish();
            }
        }
        catch (Exception e)
        {
            _filling.Error = ExceptionDispatchInfo.Capture(e);
        }

        try
        {
            await _room.WaitAsync(_stop.Token).ConfigureAwait(false);
            PublishLast();
        }
        catch (OperationCanceledException)
        {
            // being stopped
        }
    }

    private void PublishLast()
    {
        _filling.IsLast = true;
        _ready.Enqueue(_filling);
        _readyCount.Release();
    }
}

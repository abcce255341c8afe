namespace ModeSharp.Emulator;

/// <summary>How CSV exports write timestamps.</summary>
public enum CsvTimestampFormat
{
    /// <summary>ISO 8601 UTC with milliseconds and <c>Z</c>: <c>2021-03-01T10:00:00.000Z</c> (default).</summary>
    Iso,

    /// <summary>Warehouse text: <c>2021-03-01 10:00:00</c>.</summary>
    Sql,
}

/// <summary>How CSV exports write booleans.</summary>
public enum CsvBooleanFormat
{
    /// <summary><c>true</c> / <c>false</c> (default).</summary>
    TrueFalse,

    /// <summary><c>t</c> / <c>f</c>, as Postgres and Redshift print them.</summary>
    TF,
}

/// <summary>
/// Behaviours of Mode that are unknown, optional or faulty, each behind a switch. Thread-safe: a test may
/// flip switches on its own emulator while requests are in flight; each request reads them once when it starts.
/// A standalone emulator is flipped with <c>POST /_emulator/switches</c> (see docs/emulator.md).
/// </summary>
public sealed class EmulatorSwitches
{
    private readonly Lock _gate = new();
    private bool _rateLimit;
    private int _rateLimitRequests = 40;
    private TimeSpan _rateLimitWindow = TimeSpan.FromSeconds(10);
    private int _failRemaining;
    private int _failStatus = 503;
    private TimeSpan _responseDelay;
    private bool _truncateBodies;
    private bool _gzipExports = true;
    private string _csvNull = "";
    private CsvTimestampFormat _csvTimestampFormat;
    private CsvBooleanFormat _csvBooleans;
    private bool _bom;
    private bool _crlf;
    private bool _idsAsStrings;
    private bool _nextPageLinkPastEnd;
    private bool _redirectExports;
    private bool _runFilterAnswers500;
    private bool _zipDropsQuery;
    private bool _rejectUnknownRunFields = true;
    private bool _reportOmitsLastSuccessfulRun;
    private bool _runsEndCompleted;
    private bool _runsPassThroughRunningNotebook;

    /// <summary>Rate limiting per token: <c>429</c> with <c>Retry-After</c> and <c>X-RateLimit-Limit</c>. Off by default.</summary>
    public bool RateLimit { get => Get(ref _rateLimit); set => Set(ref _rateLimit, value); }

    /// <summary>Requests allowed per <see cref="RateLimitWindow"/> and token when <see cref="RateLimit"/> is on. Default 40.</summary>
    public int RateLimitRequests
    {
        get => Get(ref _rateLimitRequests);
        set => Set(ref _rateLimitRequests, value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "must be positive"));
    }

    /// <summary>The sliding window of the rate limit. Default 10 seconds.</summary>
    public TimeSpan RateLimitWindow
    {
        get => Get(ref _rateLimitWindow);
        set => Set(ref _rateLimitWindow, value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), "must be positive"));
    }

    /// <summary>How many of the next API requests still get an injected error (see <see cref="FailNextRequests"/>).</summary>
    public int FailingRequestsRemaining => Get(ref _failRemaining);

    /// <summary>The status of injected errors. Default 503.</summary>
    public int FailStatus => Get(ref _failStatus);

    /// <summary>A delay before every API response. Default none.</summary>
    public TimeSpan ResponseDelay { get => Get(ref _responseDelay); set => Set(ref _responseDelay, value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value))); }

    /// <summary>
    /// Export bodies are cut off: the response announces the full <c>Content-Length</c>, sends about half of it, then
    /// aborts the connection, as a dropped download does.
    /// </summary>
    public bool TruncateBodies { get => Get(ref _truncateBodies); set => Set(ref _truncateBodies, value); }

    /// <summary>Exports are sent with <c>Content-Encoding: gzip</c> whatever the request's <c>Accept-Encoding</c> (Mode's behaviour). Default on.</summary>
    public bool GzipExports { get => Get(ref _gzipExports); set => Set(ref _gzipExports, value); }

    /// <summary>How CSV writes NULL. Default the empty field (an empty string is then written as <c>""</c>).</summary>
    public string CsvNull
    {
        get => Get(ref _csvNull);
        set => Set(ref _csvNull, value is { Length: <= 32 } ? value : throw new ArgumentException("CsvNull must be a short text (32 characters at most).", nameof(value)));
    }

    /// <summary>How CSV writes timestamps. Default <see cref="Emulator.CsvTimestampFormat.Iso"/>.</summary>
    public CsvTimestampFormat CsvTimestampFormat { get => Get(ref _csvTimestampFormat); set => Set(ref _csvTimestampFormat, value); }

    /// <summary>How CSV writes booleans. Default <see cref="CsvBooleanFormat.TrueFalse"/>.</summary>
    public CsvBooleanFormat CsvBooleans { get => Get(ref _csvBooleans); set => Set(ref _csvBooleans, value); }

    /// <summary>CSV exports start with a UTF-8 byte order mark. Default off.</summary>
    public bool Bom { get => Get(ref _bom); set => Set(ref _bom, value); }

    /// <summary>CSV records end with CRLF instead of LF. Default off.</summary>
    public bool Crlf { get => Get(ref _crlf); set => Set(ref _crlf, value); }

    /// <summary>Numeric ids (<c>id</c>, <c>account_id</c>, <c>data_source_id</c>, …) are sent as decimal strings instead of numbers. Default off.</summary>
    public bool IdsAsStrings { get => Get(ref _idsAsStrings); set => Set(ref _idsAsStrings, value); }

    /// <summary>Paginated lists keep emitting <c>_links.next_page</c> on (and past) the last page. Default off.</summary>
    public bool NextPageLinkPastEnd { get => Get(ref _nextPageLinkPastEnd); set => Set(ref _nextPageLinkPastEnd, value); }

    /// <summary>Exports answer <c>302</c> to a signed <c>/_storage/…</c> path on the emulator that needs no credentials. Default off.</summary>
    public bool RedirectExports { get => Get(ref _redirectExports); set => Set(ref _redirectExports, value); }

    /// <summary><c>GET …/runs?filter=…</c> answers 500, as mode-sdk reports of the real API. Default off (the filter works).</summary>
    public bool RunFilterAnswers500 { get => Get(ref _runFilterAnswers500); set => Set(ref _runFilterAnswers500, value); }

    /// <summary>The report-level ZIP of a multi-query run silently leaves out its last query. Default off.</summary>
    public bool ZipDropsQuery { get => Get(ref _zipDropsQuery); set => Set(ref _zipDropsQuery, value); }

    /// <summary>
    /// <c>POST …/runs</c> answers 400 for a parameter the report does not have, or a body field other than
    /// <c>parameters</c> (such as a wrapped <c>{"report_run":{…}}</c>). Default on, so a typo is caught; what Mode
    /// itself does is unknown (mode-api.md has no evidence), so turn it off to ignore them silently instead.
    /// </summary>
    public bool RejectUnknownRunFields { get => Get(ref _rejectUnknownRunFields); set => Set(ref _rejectUnknownRunFields, value); }

    /// <summary>Reports carry neither <c>last_successful_run_token</c> nor <c>_links.last_successful_run</c>, so a client must walk the runs. Default off.</summary>
    public bool ReportOmitsLastSuccessfulRun { get => Get(ref _reportOmitsLastSuccessfulRun); set => Set(ref _reportOmitsLastSuccessfulRun, value); }

    /// <summary>
    /// Runs created from now on end as <c>completed</c> instead of <c>succeeded</c> when every query succeeds. Mode
    /// documents both as success (notebook reports end <c>completed</c>); some clients accept only <c>succeeded</c>. Default off.
    /// </summary>
    public bool RunsEndCompleted { get => Get(ref _runsEndCompleted); set => Set(ref _runsEndCompleted, value); }

    /// <summary>
    /// Runs created from now on report <c>running_notebook</c> for the second half of their run time (SQL done, the
    /// notebook running) before they finish, as Mode's scripted lifecycle allows. Default off.
    /// </summary>
    public bool RunsPassThroughRunningNotebook { get => Get(ref _runsPassThroughRunningNotebook); set => Set(ref _runsPassThroughRunningNotebook, value); }

    /// <summary>The next <paramref name="count"/> API requests answer <paramref name="status"/> (a 5xx by default 503) with a Mode error body.</summary>
    /// <param name="count">How many requests fail; 0 stops failing.</param>
    /// <param name="status">The HTTP status to answer, 400–599.</param>
    public void FailNextRequests(int count, int status = 503)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (status is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "must be an error status (400-599)");
        }

        lock (_gate)
        {
            _failRemaining = count;
            _failStatus = status;
        }
    }

    /// <summary>Takes one injected failure if any are left; returns its status, or 0.</summary>
    internal int TryTakeFailure()
    {
        lock (_gate)
        {
            if (_failRemaining <= 0)
            {
                return 0;
            }

            _failRemaining--;
            return _failStatus;
        }
    }

    /// <summary>Copies every switch from <paramref name="other"/>.</summary>
    internal void CopyFrom(EmulatorSwitches other)
    {
        lock (other._gate)
        {
            lock (_gate)
            {
                _rateLimit = other._rateLimit;
                _rateLimitRequests = other._rateLimitRequests;
                _rateLimitWindow = other._rateLimitWindow;
                _failRemaining = other._failRemaining;
                _failStatus = other._failStatus;
                _responseDelay = other._responseDelay;
                _truncateBodies = other._truncateBodies;
                _gzipExports = other._gzipExports;
                _csvNull = other._csvNull;
                _csvTimestampFormat = other._csvTimestampFormat;
                _csvBooleans = other._csvBooleans;
                _bom = other._bom;
                _crlf = other._crlf;
                _idsAsStrings = other._idsAsStrings;
                _nextPageLinkPastEnd = other._nextPageLinkPastEnd;
                _redirectExports = other._redirectExports;
                _runFilterAnswers500 = other._runFilterAnswers500;
                _zipDropsQuery = other._zipDropsQuery;
                _rejectUnknownRunFields = other._rejectUnknownRunFields;
                _reportOmitsLastSuccessfulRun = other._reportOmitsLastSuccessfulRun;
                _runsEndCompleted = other._runsEndCompleted;
                _runsPassThroughRunningNotebook = other._runsPassThroughRunningNotebook;
            }
        }
    }

    /// <summary>Puts every switch back to its default.</summary>
    public void Reset() => CopyFrom(new EmulatorSwitches());

    private T Get<T>(ref T field)
    {
        lock (_gate)
        {
            return field;
        }
    }

    private void Set<T>(ref T field, T value)
    {
        lock (_gate)
        {
            field = value;
        }
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModeSharp.Api;
using ModeSharp.Api.Json;
using Polly;

namespace ModeSharp.Http;

/// <summary>
/// The one way requests leave the client: Basic auth (to the configured origin only), retries for idempotent
/// calls, timeouts, redirects followed by hand, decoding and checked bodies, and errors turned into
/// <see cref="ModeApiException"/> with the method, path and tokens involved.
/// </summary>
internal sealed class ModeTransport
{
    private const int MaxErrorBodyBytes = 64 * 1024;

    private static readonly string DefaultUserAgent =
        "ModeSharp/" + (typeof(ModeTransport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0");

    private readonly HttpClient _http;
    private readonly ModeCredentials _credentials;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;
    private readonly ResiliencePipeline<HttpResponseMessage> _retryRefused;
    private readonly string _userAgent;

    public ModeTransport(HttpClient http, ModeClientOptions options)
    {
        _http = http;
        Options = options;
        _credentials = options.Credentials!;
        BaseAddress = options.BaseAddress;
        Workspace = options.Workspace!;
        Logger = options.LoggerFactory?.CreateLogger("ModeSharp.ModeClient") ?? NullLogger.Instance;
        _retry = RetryPolicy.Create(options.Retry, options.TimeProvider, Logger);
        _retryRefused = RetryPolicy.Create(options.Retry, options.TimeProvider, Logger, refusalsOnly: true);
        _userAgent = string.IsNullOrWhiteSpace(options.UserAgent) ? DefaultUserAgent : options.UserAgent.Trim() + " " + DefaultUserAgent;
    }

    public ModeClientOptions Options { get; }

    public Uri BaseAddress { get; }

    public string Workspace { get; }

    public ILogger Logger { get; }

    public TimeProvider TimeProvider => Options.TimeProvider;

    /// <summary>Creates the handler the client uses when it owns its <see cref="HttpClient"/>.</summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        // Decoded by ContentDecoding so the gzip trailer can be verified (GZipStream accepts truncated bodies).
        AutomaticDecompression = DecompressionMethods.None,
        // Followed by hand so Authorization only ever goes back to the configured origin.
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary><c>/api/{ws}/seg/seg...</c> with every segment escaped.</summary>
    public string ApiPath(params string[] segments)
    {
        var path = "/api/" + Uri.EscapeDataString(Workspace);
        foreach (var segment in segments)
        {
            path += "/" + Uri.EscapeDataString(segment);
        }

        return path;
    }

    /// <summary>Resolves a path or a HAL href (relative or absolute) against the base address.</summary>
    public Uri Resolve(string pathOrHref) => new(BaseAddress, pathOrHref);

    public async Task<T> GetJsonAsync<T>(string pathOrHref, JsonTypeInfo<T> type, ModeRequestContext context, CancellationToken cancellationToken)
    {
        var uri = Resolve(pathOrHref);
        using var response = await SendAsync(HttpMethod.Get, uri, null, "application/hal+json, application/json;q=0.9", HttpCompletionOption.ResponseContentRead, Options.RequestTimeout, context, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, type, "GET", uri, context, cancellationToken).ConfigureAwait(false);
    }

    public async Task<T> PostJsonAsync<T>(string path, byte[] body, JsonTypeInfo<T> type, ModeRequestContext context, CancellationToken cancellationToken)
    {
        var uri = Resolve(path);
        using var response = await SendAsync(HttpMethod.Post, uri, body, "application/hal+json, application/json;q=0.9", HttpCompletionOption.ResponseContentRead, Options.RequestTimeout, context, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, type, "POST", uri, context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a download: returns once the headers are in, with the body still on the wire.</summary>
    public async Task<ModeResultStream> OpenStreamAsync(string pathOrHref, string accept, ModeRequestContext context, CancellationToken cancellationToken)
    {
        var uri = Resolve(pathOrHref);
        var path = Redaction.SafePath(uri);
        var response = await SendAsync(HttpMethod.Get, uri, null, accept, HttpCompletionOption.ResponseHeadersRead, Options.ExportTimeout, context, cancellationToken).ConfigureAwait(false);
        try
        {
            var decoded = await ContentDecoding.OpenAsync(response.Content, cancellationToken).ConfigureAwait(false);
            if (Options.ReadAheadBytes > 0)
            {
                decoded = new ReadAheadStream(decoded, Options.ReadAheadBytes);
            }

            return new ModeResultStream(decoded, response, "GET", path, context, Options.ReadIdleTimeout, TimeProvider);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or InvalidDataException)
        {
            response.Dispose();
            throw new ModeApiException(
                $"The body of GET {path} broke off before it started ({e.Message}); try the download again.",
                ModeFailureKind.IncompleteBody, "GET", path, e)
            { ReportToken = context.ReportToken, RunToken = context.RunToken, QueryRunToken = context.QueryRunToken };
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, string method, Uri uri, ModeRequestContext context, CancellationToken cancellationToken)
    {
        var path = Redaction.SafePath(uri);
        try
        {
            await using var body = await ContentDecoding.OpenAsync(response.Content, cancellationToken).ConfigureAwait(false);
            var value = await JsonSerializer.DeserializeAsync(body, type, cancellationToken).ConfigureAwait(false);
            return value ?? throw new JsonException("The body was JSON null.");
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException or HttpRequestException)
        {
            var kind = e is JsonException ? ModeFailureKind.InvalidResponse : ModeFailureKind.IncompleteBody;
            var what = e is JsonException ? "was not the JSON document expected" : "broke off";
            throw new ModeApiException(
                $"The answer to {method} {path} about {context.Subject} {what}: {e.Message}",
                kind, method, path, e)
            { Status = response.StatusCode, ReportToken = context.ReportToken, RunToken = context.RunToken, QueryRunToken = context.QueryRunToken };
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, byte[]? body, string accept, HttpCompletionOption completion, TimeSpan timeout, ModeRequestContext context, CancellationToken cancellationToken)
    {
        var path = Redaction.SafePath(uri);
        var attempt = new Attempt(this, method, uri, body, accept, completion, timeout);
        HttpResponseMessage response;
        try
        {
            // GET is retried on any transient failure. POST creates a run, and a retry after a 5xx or a broken
            // connection could start (and bill) a second one; only a 429, a refusal before any work, is retried.
            var pipeline = method == HttpMethod.Get ? _retry : _retryRefused;
            response = await pipeline.ExecuteAsync(static (a, token) => a.RunAsync(token), attempt, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ModeApiException)
        {
            throw;
        }
        catch (Exception e) when (e is TimeoutException or HttpRequestException or IOException)
        {
            var timedOut = e is TimeoutException;
            var message = timedOut
                ? string.Create(CultureInfo.InvariantCulture, $"{method.Method} {path} ({context.Subject}) got no answer within {timeout.TotalSeconds:0.#} s after {attempt.Count} attempt(s). Mode may be slow or unreachable; raise the timeout in ModeClientOptions if it is expected.")
                : string.Create(CultureInfo.InvariantCulture, $"Could not reach Mode at {BaseAddress.Scheme}://{BaseAddress.Authority} for {method.Method} {path} ({context.Subject}) after {attempt.Count} attempt(s): {Cause(e)}. Check the network and MODE_BASE_URL.");
            Log.Failed(Logger, method.Method, path, message);
            throw new ModeApiException(message, timedOut ? ModeFailureKind.Timeout : ModeFailureKind.Network, method.Method, path, e)
            { Attempts = attempt.Count, ReportToken = context.ReportToken, RunToken = context.RunToken, QueryRunToken = context.QueryRunToken };
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            var retryAfter = RetryPolicy.RetryAfter(response, TimeProvider);
            var message = ErrorMessages.Describe(method.Method, path, response.StatusCode, response.ReasonPhrase, error.Id, error.Message, context, Workspace, attempt.Count, retryAfter, method != HttpMethod.Get);
            Log.Failed(Logger, method.Method, path, message);
            throw new ModeApiException(message, ModeFailureKind.HttpStatus, method.Method, path)
            {
                Status = response.StatusCode,
                ErrorId = error.Id,
                ErrorMessage = error.Message,
                RetryAfter = retryAfter,
                Attempts = attempt.Count,
                ReportToken = context.ReportToken,
                RunToken = context.RunToken,
                QueryRunToken = context.QueryRunToken,
            };
        }
    }

    /// <summary>
    /// The innermost message of a network failure: .NET's outer text ("The SSL connection could not be established,
    /// see inner exception.") hides the cause a user can act on (a certificate name, a refused connection).
    /// </summary>
    private static string Cause(Exception e)
    {
        var message = e.Message.TrimEnd('.');
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            message += " (" + inner.Message.TrimEnd('.') + ")";
        }
        return message;
    }

    private async Task<(string? Id, string? Message)> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await ContentDecoding.OpenAsync(response.Content, cancellationToken).ConfigureAwait(false);
            var buffer = new byte[MaxErrorBodyBytes];
            var filled = 0;
            int n;
            while (filled < buffer.Length && (n = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
            {
                filled += n;
            }

            var bytes = buffer.AsMemory(0, filled);
            try
            {
                var parsed = JsonSerializer.Deserialize(bytes.Span, ModeJsonContext.Default.ModeErrorBody);
                if (parsed is not null && (parsed.Id is not null || parsed.Message is not null))
                {
                    return (Scrub(parsed.Id), Scrub(parsed.Message));
                }
            }
            catch (JsonException)
            {
                // Not JSON (a 401 can be plain text): fall through and keep the text.
            }

            var text = System.Text.Encoding.UTF8.GetString(bytes.Span).Trim();
            if (text.Length > 300)
            {
                text = text[..300] + "…";
            }

            return (null, text.Length == 0 || text.StartsWith('<') ? null : Scrub(text));
        }
        catch (Exception e) when (e is IOException or HttpRequestException or InvalidDataException)
        {
            return (null, null);
        }
    }

    private string? Scrub(string? text) => text is null ? null : Redaction.Scrub(text, _credentials);

    private bool IsSameOrigin(Uri uri) =>
        string.Equals(uri.Scheme, BaseAddress.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.IdnHost, BaseAddress.IdnHost, StringComparison.OrdinalIgnoreCase)
        && uri.Port == BaseAddress.Port;

    /// <summary>One logical request; <see cref="RunAsync"/> is one attempt of it, redirects included.</summary>
    private sealed class Attempt(ModeTransport transport, HttpMethod method, Uri uri, byte[]? body, string accept, HttpCompletionOption completion, TimeSpan timeout)
    {
        private int _count;

        public int Count => _count;

        public async ValueTask<HttpResponseMessage> RunAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            using var timeoutSource = new CancellationTokenSource(timeout, transport.TimeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
            try
            {
                var target = uri;
                for (var redirects = 0; ; redirects++)
                {
                    var sendCredentials = transport.IsSameOrigin(target);
                    using var request = new HttpRequestMessage(method, target);
                    request.Headers.Accept.ParseAdd(accept);
                    request.Headers.AcceptEncoding.ParseAdd("gzip, deflate");
                    request.Headers.UserAgent.ParseAdd(transport._userAgent);
                    if (sendCredentials)
                    {
                        request.Headers.Authorization = transport._credentials.ToAuthorizationHeader();
                    }

                    if (body is not null)
                    {
                        request.Content = new ByteArrayContent(body);
                        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    }

                    var response = await transport._http.SendAsync(request, completion, linked.Token).ConfigureAwait(false);
                    Log.Answered(transport.Logger, method.Method, Redaction.SafePath(target), (int)response.StatusCode, _count);
                    if (!IsRedirect(response.StatusCode) || method != HttpMethod.Get || response.Headers.Location is null || redirects >= transport.Options.MaxRedirects)
                    {
                        return response;
                    }

                    var next = new Uri(target, response.Headers.Location);
                    response.Dispose();
                    if (next.Scheme != Uri.UriSchemeHttps && !(next.Scheme == Uri.UriSchemeHttp && next.IsLoopback))
                    {
                        var safe = Redaction.SafeUrl(next);
                        throw new ModeApiException(
                            $"GET {Redaction.SafePath(uri)} was redirected to {safe}, which is neither HTTPS nor loopback; ModeSharp refuses to follow it.",
                            ModeFailureKind.Refused, "GET", Redaction.SafePath(uri));
                    }

                    Log.Redirected(transport.Logger, method.Method, Redaction.SafePath(target), Redaction.SafeUrl(next), transport.IsSameOrigin(next));
                    target = next;
                }
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                // Our per-attempt timeout (or a supplied HttpClient's own Timeout), not the caller: a transient failure.
                throw new TimeoutException($"No answer within {timeout}.", e);
            }
        }

        private static bool IsRedirect(HttpStatusCode status) =>
            status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
                or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
    }
}

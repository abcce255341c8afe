using System.Collections.Concurrent;

namespace ModeSharp.Tests.Support;

/// <summary>
/// Passes requests through to the real network unchanged and records what was sent (URL and whether an
/// Authorization header went along). It observes, it never answers: every response comes from the server.
/// </summary>
public sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public ConcurrentQueue<(Uri Uri, bool HadAuthorization)> Sent { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Sent.Enqueue((request.RequestUri!, request.Headers.Authorization is not null));
        return base.SendAsync(request, cancellationToken);
    }
}

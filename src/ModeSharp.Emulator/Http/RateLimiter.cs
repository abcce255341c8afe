namespace ModeSharp.Emulator.Http;

/// <summary>A sliding-window request counter per token, like Mode's "about 40 requests every 10 seconds".</summary>
internal sealed class RateLimiter(TimeProvider time)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _byToken = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Counts a request; returns null when allowed, or how long to wait.</summary>
    public TimeSpan? TryAcquire(string token, int limit, TimeSpan window, out int remaining)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_byToken.TryGetValue(token, out var stamps))
            {
                _byToken[token] = stamps = new Queue<DateTimeOffset>();
            }

            while (stamps.Count > 0 && stamps.Peek() <= now - window)
            {
                stamps.Dequeue();
            }

            if (stamps.Count >= limit)
            {
                remaining = 0;
                return stamps.Peek() + window - now;
            }

            stamps.Enqueue(now);
            remaining = limit - stamps.Count;
            return null;
        }
    }
}

using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModeSharp.Api;
using ModeSharp.Api.Json;

namespace ModeSharp.Http;

/// <summary>Walks a HAL collection by the rules in mode-api.md §5.5 (and the pitfalls that made them).</summary>
internal static class HalPager
{
    // A hard stop against a server that keeps inventing new pages.
    private const int MaxPages = 100_000;

    /// <param name="transport">Sends the requests.</param>
    /// <param name="firstPath">First page's path, query included.</param>
    /// <param name="embeddedKey">The plural under <c>_embedded</c> (<c>report_runs</c>, <c>reports</c>...).</param>
    /// <param name="listType">How to read the items.</param>
    /// <param name="identity">An item's identity (its token), to recognise a page served twice.</param>
    /// <param name="fixup">Sets context (report token...) on each item.</param>
    /// <param name="context">What the collection belongs to, for errors.</param>
    /// <param name="probeWithoutPagination">For collections paged only by <c>?page=</c> (a space's reports): ask for the next page until one is empty or repeats.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public static async IAsyncEnumerable<ModePage<T>> PagesAsync<T>(
        ModeTransport transport, string firstPath, string embeddedKey, JsonTypeInfo<List<T>> listType,
        Func<T, string?> identity, Action<T>? fixup, ModeRequestContext context, bool probeWithoutPagination,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seenUrls = new HashSet<string>(StringComparer.Ordinal);
        var seenPages = new HashSet<string>(StringComparer.Ordinal);
        string? next = firstPath;
        for (long index = 1; next is not null && index <= MaxPages; index++)
        {
            var url = transport.Resolve(next);
            seenUrls.Add(url.AbsoluteUri);
            var document = await transport.GetJsonAsync(url.AbsoluteUri, ModeJsonContext.Default.HalCollection, context, cancellationToken).ConfigureAwait(false);
            var items = ReadItems(document, embeddedKey, listType);
            if (fixup is not null)
            {
                items.ForEach(fixup);
            }

            var pagination = document.Pagination;
            var number = pagination?.Page ?? index;
            if (items.Count > 0 && !seenPages.Add(string.Join('\n', items.Select(i => identity(i) ?? "?"))))
            {
                // Some collections re-serve the last page for an out-of-range page number: that is the end, not an error.
                Log.PageRepeated(transport.Logger, Redaction.SafePath(url), number);
                yield break;
            }

            yield return new ModePage<T>(items, number, pagination?.TotalPages, pagination?.TotalCount);

            next = null;
            if (pagination?.TotalPages is { } totalPages && pagination.Page is { } page)
            {
                if (page >= totalPages)
                {
                    yield break;
                }

                next = document.GetLink("next_page") ?? WithPage(url, page + 1);
            }
            else if (items.Count > 0)
            {
                next = document.GetLink("next_page") ?? (probeWithoutPagination ? WithPage(url, number + 1) : null);
            }

            if (next is not null && seenUrls.Contains(transport.Resolve(next).AbsoluteUri))
            {
                yield break;
            }
        }
    }

    private static List<T> ReadItems<T>(HalCollection document, string embeddedKey, JsonTypeInfo<List<T>> listType)
    {
        if (document.Embedded is null || !document.Embedded.TryGetValue(embeddedKey, out var element) || element.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return element.Deserialize(listType) ?? [];
    }

    /// <summary>The same URL with <c>page</c> set to <paramref name="page"/>.</summary>
    internal static string WithPage(Uri url, long page)
    {
        var query = url.Query.TrimStart('?');
        var parts = query.Length == 0 ? [] : query.Split('&').Where(p => !p.StartsWith("page=", StringComparison.Ordinal)).ToList();
        parts.Add("page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return url.AbsolutePath + "?" + string.Join('&', parts);
    }
}

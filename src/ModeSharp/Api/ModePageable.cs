using System.Runtime.CompilerServices;

namespace ModeSharp.Api;

/// <summary>One page of a Mode collection.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class ModePage<T>
{
    internal ModePage(IReadOnlyList<T> items, long number, long? totalPages, long? totalCount)
    {
        Items = items;
        Number = number;
        TotalPages = totalPages;
        TotalCount = totalCount;
    }

    /// <summary>The items on this page, in Mode's order.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>1-based page number (Mode's when it says, otherwise counted).</summary>
    public long Number { get; }

    /// <summary>Pages in the collection, when Mode says.</summary>
    public long? TotalPages { get; }

    /// <summary>Items in the collection, when Mode says.</summary>
    public long? TotalCount { get; }
}

/// <summary>
/// Every item of a paginated Mode collection, fetched page by page as it is enumerated. It follows
/// <c>_links.next_page</c>, stops at <c>page &gt;= total_pages</c>, stops (without failing) when a page repeats an
/// earlier one, and never stops merely because a page is shorter than the page size.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class ModePageable<T> : IAsyncEnumerable<T>
{
    private readonly Func<CancellationToken, IAsyncEnumerable<ModePage<T>>> _pages;
    private readonly CancellationToken _cancellationToken;

    internal ModePageable(Func<CancellationToken, IAsyncEnumerable<ModePage<T>>> pages, CancellationToken cancellationToken)
    {
        _pages = pages;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The collection page by page.</summary>
    public async IAsyncEnumerable<ModePage<T>> AsPages([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken);
        await foreach (var page in _pages(linked.Token).ConfigureAwait(false))
        {
            yield return page;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in AsPages(cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Items)
            {
                yield return item;
            }
        }
    }

    /// <summary>Fetches every page and returns all items.</summary>
    public async Task<IReadOnlyList<T>> ToListAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<T>();
        await foreach (var item in this.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            all.Add(item);
        }

        return all;
    }
}

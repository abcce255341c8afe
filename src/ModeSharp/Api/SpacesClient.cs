using ModeSharp.Api.Json;
using ModeSharp.Http;

namespace ModeSharp.Api;

/// <summary>Which spaces to list. Mode returns nothing at all when no filter is sent, so one always is.</summary>
public enum SpaceFilter
{
    /// <summary>Custom (shared) spaces only.</summary>
    Custom,

    /// <summary>Custom and private (personal) spaces.</summary>
    All,
}

/// <summary>Spaces (collections): <c>/api/{ws}/spaces</c>.</summary>
public sealed class SpacesClient
{
    private readonly ModeTransport _transport;

    internal SpacesClient(ModeTransport transport) => _transport = transport;

    /// <summary>Every space matching <paramref name="filter"/>, across all pages.</summary>
    public ModePageable<Space> ListAsync(SpaceFilter filter = SpaceFilter.Custom, CancellationToken cancellationToken = default)
    {
        var path = _transport.ApiPath("spaces") + "?filter=" + (filter == SpaceFilter.All ? "all" : "custom");
        var context = ModeRequestContext.ForWorkspace(_transport.Workspace);
        return new ModePageable<Space>(
            token => HalPager.PagesAsync(_transport, path, "spaces", ModeJsonContext.Default.ListSpace, s => s.Token, null, context, false, token),
            cancellationToken);
    }

    /// <summary>One space by token.</summary>
    /// <exception cref="ModeApiException">404 when the space does not exist, or another failure.</exception>
    public Task<Space> GetAsync(string spaceToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spaceToken);
        return _transport.GetJsonAsync(_transport.ApiPath("spaces", spaceToken), ModeJsonContext.Default.Space, ModeRequestContext.ForSpace(spaceToken), cancellationToken);
    }
}

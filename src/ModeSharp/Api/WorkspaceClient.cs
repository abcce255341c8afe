using ModeSharp.Api.Json;
using ModeSharp.Http;

namespace ModeSharp.Api;

/// <summary>The configured workspace: <c>GET /api/{ws}</c>.</summary>
public sealed class WorkspaceClient
{
    private readonly ModeTransport _transport;

    internal WorkspaceClient(ModeTransport transport) => _transport = transport;

    /// <summary>Reads the workspace. A cheap way to check that the credentials and workspace name work.</summary>
    /// <exception cref="ModeApiException">401 (bad credentials), 404 (no such workspace) or another failure.</exception>
    public Task<Workspace> GetAsync(CancellationToken cancellationToken = default) =>
        _transport.GetJsonAsync(_transport.ApiPath(), ModeJsonContext.Default.Workspace, ModeRequestContext.ForWorkspace(_transport.Workspace), cancellationToken);
}

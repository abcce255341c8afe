using System.Security.Cryptography;
using System.Text;
using ModeSharp.Emulator.State;

namespace ModeSharp.Emulator.Http;

/// <summary>What every request handler of one emulator instance shares.</summary>
internal sealed class EmulatorContext(WorkspaceState workspace, EmulatorSwitches switches, string token, string secret, long exportCacheBytes)
{
    private readonly byte[] _storageKey = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(secret);

    public WorkspaceState Workspace { get; } = workspace;
    public EmulatorSwitches Switches { get; } = switches;
    public RateLimiter RateLimiter { get; } = new(workspace.Time);
    public ExportCache ExportCache { get; } = new(exportCacheBytes);
    public string Ws => Workspace.Username;

    /// <summary>Compares in constant time, so the secret cannot be guessed from response timing.</summary>
    public bool CredentialsMatch(ReadOnlySpan<byte> user, ReadOnlySpan<byte> password) =>
        CryptographicOperations.FixedTimeEquals(user, _token) & CryptographicOperations.FixedTimeEquals(password, _secret);

    /// <summary>The signature of a storage path (like a presigned URL), so it needs no credentials.</summary>
    public string Sign(string path, long expires)
    {
        var mac = HMACSHA256.HashData(_storageKey, Encoding.UTF8.GetBytes(path + "?" + expires.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return Convert.ToHexStringLower(mac);
    }
}

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ModeSharp.Emulator.State;

/// <summary>Mode-style 12-character lowercase hex tokens: derived (stable across restarts) or random.</summary>
internal static class Tokens
{
    public static string Derive(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('/', parts)));
        return Convert.ToHexStringLower(hash, 0, 6);
    }

    /// <summary>A stable positive number derived from <paramref name="parts"/>, for numeric ids.</summary>
    public static long DeriveId(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('/', parts)));
        return (long)(BinaryPrimitives.ReadUInt32LittleEndian(hash) % 900_000_000u) + 100_000_000;
    }

    public static string NewRandom() => RandomNumberGenerator.GetHexString(12, lowercase: true);
}

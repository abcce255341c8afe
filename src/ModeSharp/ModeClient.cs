namespace ModeSharp;

/// <summary>Placeholder until the client issue lands.</summary>
public sealed class ModeClient
{
}

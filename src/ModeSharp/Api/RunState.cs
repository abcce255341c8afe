using System.Text.Json.Serialization;
using ModeSharp.Api.Json;

namespace ModeSharp.Api;

/// <summary>
/// The state of a report run or query run. Known values have properties; any other value Mode sends is kept
/// as-is and counts as in progress, so a state invented tomorrow does not break today's client.
/// </summary>
[JsonConverter(typeof(RunStateConverter))]
public readonly struct RunState : IEquatable<RunState>
{
    private readonly string? _value;

    /// <summary>Wraps a state string as Mode sends it.</summary>
    public RunState(string? value) => _value = value;

    /// <summary>Created, not yet queued.</summary>
    public static RunState Pending { get; } = new("pending");

    /// <summary>Queued or executing SQL (Mode has no separate "running" state).</summary>
    public static RunState Enqueued { get; } = new("enqueued");

    /// <summary>SQL done; the notebook is running.</summary>
    public static RunState RunningNotebook { get; } = new("running_notebook");

    /// <summary>Every query succeeded.</summary>
    public static RunState Succeeded { get; } = new("succeeded");

    /// <summary>Done; treated as success (notebook reports end this way).</summary>
    public static RunState Completed { get; } = new("completed");

    /// <summary>At least one query failed; the reason is on the query runs.</summary>
    public static RunState Failed { get; } = new("failed");

    /// <summary>Cancelled; treated as failure.</summary>
    public static RunState Cancelled { get; } = new("cancelled");

    /// <summary>The state as Mode sent it, or <c>"unknown"</c> when it sent none.</summary>
    public string Value => string.IsNullOrEmpty(_value) ? "unknown" : _value;

    /// <summary><c>succeeded</c> or <c>completed</c>: results can be read.</summary>
    public bool IsSuccess => Is("succeeded") || Is("completed");

    /// <summary><c>failed</c> or <c>cancelled</c>: the run ended without results.</summary>
    public bool IsFailure => Is("failed") || Is("cancelled");

    /// <summary>Neither success nor failure: <c>pending</c>, <c>enqueued</c>, <c>running_notebook</c> or a state not known today.</summary>
    public bool IsInProgress => !IsSuccess && !IsFailure;

    /// <summary>Whether this is one of the seven states Mode documents.</summary>
    public bool IsKnown => IsSuccess || IsFailure || Is("pending") || Is("enqueued") || Is("running_notebook");

    private bool Is(string state) => string.Equals(_value, state, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public bool Equals(RunState other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RunState other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The state as Mode sent it.</summary>
    public override string ToString() => Value;

    /// <summary>Compares two states, ignoring case.</summary>
    public static bool operator ==(RunState left, RunState right) => left.Equals(right);

    /// <summary>Compares two states, ignoring case.</summary>
    public static bool operator !=(RunState left, RunState right) => !left.Equals(right);
}

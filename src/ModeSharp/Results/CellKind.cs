namespace ModeSharp.Results;

/// <summary>What one cell's text is, by the typing rules. The column's type is decided from the kinds of all its cells.</summary>
internal enum CellKind : byte
{
    Text,
    Boolean,
    /// <summary>Fits 64 bits and has at most 15 significant digits (exact as a double too).</summary>
    Integer,
    /// <summary>Fits 64 bits but has more than 15 significant digits: exact as integer, not as double.</summary>
    IntegerWide,
    /// <summary>Digits only, but beyond 64 bits.</summary>
    IntegerOverflow,
    /// <summary>A number with a point or exponent, exact enough as a double (at most 15 significant digits).</summary>
    Double,
    /// <summary>A number with a point or exponent that a double would round (over 15 significant digits, overflow, underflow).</summary>
    DoubleWide,
    /// <summary><c>NaN</c>, <c>Inf</c>, <c>-Inf</c>, <c>Infinity</c>, <c>-Infinity</c>.</summary>
    NonFinite,
    Date,
    /// <summary>A timestamp without a zone: kept as written.</summary>
    TimestampLocal,
    /// <summary>A timestamp with <c>Z</c> or an offset: converted to UTC.</summary>
    TimestampUtc,
}

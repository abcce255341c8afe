using System.Text;

namespace ModeSharp.Results;

/// <summary>
/// How a results CSV is read. Immutable; the defaults follow the project's typing rules
/// (docs/reader.md): only an empty field is missing, types are decided from every row, ragged
/// short rows become problems, rows with extra fields are errors.
/// </summary>
public sealed record CsvReadOptions
{
    /// <summary>The defaults.</summary>
    public static CsvReadOptions Default { get; } = new();

    /// <summary>
    /// Strings that mean "missing" in addition to the empty field, compared ordinally (for example
    /// <c>["NA", "#N/A"]</c>). Empty by default: <c>NA</c> is Namibia's country code.
    /// </summary>
    public IReadOnlyCollection<string> MissingValues { get; init; } = [];

    /// <summary>
    /// Types forced per column, by the column's name after renaming (see <see cref="CsvColumnSpecification.RenamedHeaders"/>),
    /// like readr's <c>col_types</c>. A value that does not parse is a problem (null in the frame), or an error when
    /// <see cref="Strict"/> is set. Naming a column the file does not have is an error. Also the declared schema of
    /// the streaming readers: columns not named here are text there.
    /// </summary>
    public IReadOnlyDictionary<string, CsvColumnType> ColumnTypes { get; init; } = new Dictionary<string, CsvColumnType>();

    /// <summary>Turn every problem (short rows, values that do not fit an override) into a <see cref="CsvDataException"/>.</summary>
    public bool Strict { get; init; }

    /// <summary>Keep a quoted empty field (<c>""</c>) as an empty string in text columns instead of null.</summary>
    public bool KeepQuotedEmptyAsEmptyString { get; init; }

    /// <summary>What to do with records that have more fields than the header. <see cref="CsvExtraFieldsPolicy.Error"/> by default.</summary>
    public CsvExtraFieldsPolicy ExtraFields { get; init; } = CsvExtraFieldsPolicy.Error;

    /// <summary>The text encoding of the bytes (default UTF-8, invalid bytes an error). One leading byte-order mark is dropped; the encoding is never guessed from it.</summary>
    public Encoding? Encoding { get; init; }

    /// <summary>
    /// Size in chars of the tokenizer's initial buffer (it grows for longer records). Internal: tests vary it
    /// to put quotes and record ends on every buffer boundary. The tokenizer's minimum is 128.
    /// </summary>
    internal int BufferSize { get; init; } = 64 * 1024;

    /// <summary>Size in bytes of the decoding buffer over a byte stream. Internal for the same reason as <see cref="BufferSize"/>.</summary>
    internal int StreamBufferSize { get; init; } = 64 * 1024;

    /// <summary>
    /// Lets a large read (past its first 65,536 records) tokenize on a second thread while the calling thread builds
    /// the columns: about 1.2× faster on a machine with a free core, the same result either way. On by default (never
    /// on a one-core machine). Turn it off where cores are scarce or contended, or where the stream may only be read from
    /// the calling thread.
    /// </summary>
    public bool UseSecondThread { get; init; } = true;

    /// <summary>
    /// Records read on one thread before tokenizing moves to a second one (see <c>RecordPipeline</c>). Null: 64 K
    /// records on a machine with more than one core (below that, the 54K-row diamonds table, the second thread's
    /// start-up and hand-overs cost what it saves), never on one core. Internal: tests set 0 to send every record through
    /// the pipeline (even on one core), or <see cref="long.MaxValue"/> to keep one thread.
    /// </summary>
    internal long? PipelineAfterRecords { get; init; }
}

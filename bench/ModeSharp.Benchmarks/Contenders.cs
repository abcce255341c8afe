using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Data.Analysis;
using ModeSharp.Results;
using Sylvan.Data.Csv;

namespace ModeSharp.Benchmarks;

/// <summary>
/// Every way of reading the same bytes that the benchmarks compare. Each returns a number derived from what it read,
/// so nothing can be optimised away, and each starts from the UTF-8 bytes (a MemoryStream), as a response body would.
/// </summary>
public static class Contenders
{
    /// <summary>What the reader is measured against.</summary>
    public enum Kind
    {
        /// <summary>Sylvan.Data.Csv (our tokenizer) over every field's span, configured as the reader configures it: the practical limit.</summary>
        SylvanRaw,

        /// <summary><see cref="CsvFrameReader.Read(Stream, CsvReadOptions?)"/>: the product, synchronous.</summary>
        ModeSharp,

        /// <summary><see cref="CsvFrameReader.ReadAsync(Stream, CsvReadOptions?, CancellationToken)"/>: the product as used over HTTP.</summary>
        ModeSharpAsync,

        /// <summary>The product held to one thread (no tokenizing pipeline): what a one-core machine gets, and the single-thread figures.</summary>
        ModeSharpOneThread,

        /// <summary>Microsoft.Data.Analysis's own <c>DataFrame.LoadCsv</c>: the obvious .NET alternative.</summary>
        LoadCsv,

        /// <summary>CsvHelper mapping rows to typed records in a list.</summary>
        CsvHelper,
    }

    /// <summary>Reads <paramref name="bytes"/> with one contender and returns what it built (a frame, a list, or a checksum).</summary>
    public static object Run(Kind kind, string dataset, byte[] bytes) => kind switch
    {
        Kind.SylvanRaw => SylvanRaw(bytes),
        Kind.ModeSharp => ModeSharp(bytes),
        Kind.ModeSharpAsync => ModeSharpAsync(bytes).GetAwaiter().GetResult(),
        Kind.ModeSharpOneThread => ModeSharpOneThread(bytes),
        Kind.LoadCsv => LoadCsv(bytes),
        Kind.CsvHelper => CsvHelperRecords(dataset, bytes),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static long SylvanRaw(byte[] bytes)
    {
        using var text = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false, true), true, 64 * 1024);
        using var csv = Sylvan.Data.Csv.CsvDataReader.Create(text, new CsvDataReaderOptions
        {
            HasHeaders = false,
            Delimiter = ',',
            Quote = '"',
            Escape = '"',
            Comment = '\0',
            CsvStyle = CsvStyle.Standard,
            BufferSize = 64 * 1024,
            MaxBufferSize = int.MaxValue / 2,
            Culture = CultureInfo.InvariantCulture,
        });
        long total = 0;
        while (csv.Read())
        {
            int n = csv.RowFieldCount;
            for (int i = 0; i < n; i++)
            {
                var span = csv.GetFieldSpan(i);
                total += span.Length;
                if (!span.IsEmpty) total += span[0];
            }
        }

        return total;
    }

    public static CsvFrameResult ModeSharp(byte[] bytes) => CsvFrameReader.Read(new MemoryStream(bytes));

    public static Task<CsvFrameResult> ModeSharpAsync(byte[] bytes) => CsvFrameReader.ReadAsync(new MemoryStream(bytes));

    private static readonly CsvReadOptions OneThread = new() { PipelineAfterRecords = long.MaxValue };

    public static CsvFrameResult ModeSharpOneThread(byte[] bytes) => CsvFrameReader.Read(new MemoryStream(bytes), OneThread);

    // Invariant culture, or a comma-decimal machine would misread every number; defaults otherwise (guesses types from 10 rows).
    public static DataFrame LoadCsv(byte[] bytes) => DataFrame.LoadCsv(new MemoryStream(bytes), cultureInfo: CultureInfo.InvariantCulture);

    public static System.Collections.IList CsvHelperRecords(string dataset, byte[] bytes)
    {
        using var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, true, 64 * 1024);
        using var csv = new CsvReader(text, new CsvConfiguration(CultureInfo.InvariantCulture) { PrepareHeaderForMatch = a => a.Header.ToUpperInvariant().Replace("_", "", StringComparison.Ordinal) });
        return dataset switch
        {
            Datasets.Diamonds => csv.GetRecords<Diamond>().ToList(),
            Datasets.Mixed => csv.GetRecords<MixedRow>().ToList(),
            Datasets.TextHeavy => csv.GetRecords<TextRow>().ToList(),
            _ => throw new ArgumentException($"No record type for '{dataset}'.", nameof(dataset)),
        };
    }

    // The record types a CsvHelper user would write for each table.
    public sealed class Diamond
    {
        public double Carat { get; set; }
        public string Cut { get; set; } = "";
        public string Color { get; set; } = "";
        public string Clarity { get; set; } = "";
        public double Depth { get; set; }
        public double Table { get; set; }
        public long Price { get; set; }
        public double X { get; set; }
        public double Y { get; set; }
        public double Z { get; set; }
    }

    public sealed class MixedRow
    {
        public long Id { get; set; }
        public long CustomerId { get; set; }
        public double Amount { get; set; }
        public double Ratio { get; set; }
        public long? Quantity { get; set; }
        public string? Label { get; set; }
        public string? Note { get; set; }
        public DateTime Day { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public bool? Active { get; set; }
    }

    public sealed class TextRow
    {
        public long Id { get; set; }
        public string? Title { get; set; }
        public string? Body { get; set; }
        public string? Author { get; set; }
        public string? Tags { get; set; }
        public string? Url { get; set; }
    }
}

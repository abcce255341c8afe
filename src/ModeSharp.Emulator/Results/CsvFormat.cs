using System.Text;

namespace ModeSharp.Emulator.Results;

/// <summary>The CSV dialect of one export, read from the switches once when the request starts.</summary>
internal sealed record CsvFormat(string Null, CsvTimestampFormat Timestamps, CsvBooleanFormat Booleans, bool Bom, bool Crlf)
{
    public static CsvFormat From(EmulatorSwitches s) => new(s.CsvNull, s.CsvTimestampFormat, s.CsvBooleans, s.Bom, s.Crlf);

    public byte[] NullBytes { get; } = Encoding.UTF8.GetBytes(Null);
}

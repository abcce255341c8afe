// Checks what a NuGet user gets: each package carries its README, licence, XML docs (library), a symbols
// package, and source link. Run: dotnet run check-packages.cs -- <folder> <version>
using System.IO.Compression;

var folder = args[0];
var version = args[1];
var failures = new List<string>();

void Require(bool condition, string what)
{
    if (!condition) failures.Add(what);
}

foreach (var package in new[] { "ModeSharp", "ModeSharp.Cli" })
{
    var path = Path.Combine(folder, $"{package}.{version}.nupkg");
    using var zip = ZipFile.OpenRead(path);
    var names = zip.Entries.Select(e => e.FullName).ToHashSet();
    Require(names.Contains("README.md"), $"{package}: README.md");
    using var nuspec = new StreamReader(zip.GetEntry($"{package}.nuspec")!.Open());
    var manifest = nuspec.ReadToEnd();
    Require(manifest.Contains("<license type=\"expression\">MIT</license>"), $"{package}: MIT licence in the nuspec");
    Require(manifest.Contains("<readme>README.md</readme>"), $"{package}: readme in the nuspec");
    Require(manifest.Contains("<repository type=\"git\""), $"{package}: repository (source link) in the nuspec");
    Require(File.Exists(Path.Combine(folder, $"{package}.{version}.snupkg")), $"{package}: symbols package");
}

using (var library = ZipFile.OpenRead(Path.Combine(folder, $"ModeSharp.{version}.nupkg")))
{
    Require(library.GetEntry("lib/net10.0/ModeSharp.xml") is not null, "ModeSharp: XML docs");
}
using (var tool = ZipFile.OpenRead(Path.Combine(folder, $"ModeSharp.Cli.{version}.nupkg")))
{
    Require(tool.GetEntry("tools/net10.0/any/DotnetToolSettings.xml") is not null, "ModeSharp.Cli: dotnet tool settings");
}

foreach (var failure in failures) Console.Error.WriteLine($"missing: {failure}");
return failures.Count == 0 ? 0 : 1;

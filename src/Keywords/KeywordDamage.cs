using System.Text.RegularExpressions;
using Lucene.Net.Index;
using Retrieval.Errors;

namespace Retrieval.Keywords;

/// <summary>
/// Which failures mean a keyword file is damaged: Lucene finds it inconsistent (<see cref="CorruptIndexException"/>,
/// the format errors among them), reads past its end (a file cut short), fails its checksum, or finds an offset in one
/// file that another contradicts — the last two Lucene.Net raises as plain I/O and argument errors of its own code. A
/// file gone or an error of the operating system's stays what it is: the folder may be being replaced, or the disk failing.
/// </summary>
internal static partial class KeywordDamage
{
    /// <summary>The damage <paramref name="failure"/> shows in the index in <paramref name="folder"/>, naming the file Lucene names; else null.</summary>
    public static IndexDamagedException? Of(string folder, Exception failure) =>
        IsDamage(failure) ? new IndexDamagedException(FileNamed(failure.Message) ?? folder, failure.Message, failure) : null;

    private static bool IsDamage(Exception failure) => failure switch
    {
        CorruptIndexException or EndOfStreamException => true,
        FileNotFoundException or DirectoryNotFoundException => false,
        IOException or ArgumentException or IndexOutOfRangeException => RaisedByLucene(failure),
        _ => false,
    };

    private static bool RaisedByLucene(Exception failure) =>
        failure.TargetSite?.DeclaringType?.Namespace?.StartsWith("Lucene.", StringComparison.Ordinal) == true;

    /// <summary>The file Lucene's message names (its inputs describe themselves as <c>...(path="/index/keywords/_0.cfs")</c>).</summary>
    private static string? FileNamed(string message) => PathInMessage().Match(message) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex("path=\"([^\"]+)\"")]
    private static partial Regex PathInMessage();
}

using System.CommandLine;
using Retrieval.Indexing;

namespace Retrieval.Indexer.Commands;

/// <summary>--db: the index root, else $RETRIEVAL_DB, else the user's data folder.</summary>
internal static class IndexArguments
{
    public static Option<DirectoryInfo?> CreateOption() => new("--db")
    {
        Description = $"The index folder (default: ${IndexPaths.Variable}, else the user's data folder, {IndexPaths.Default().Root})",
    };

    public static IndexPaths Read(ParseResult result, Option<DirectoryInfo?> option) =>
        result.GetValue(option) is { } folder ? new IndexPaths(folder.FullName) : IndexPaths.Default();
}

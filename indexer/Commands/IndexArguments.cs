using System.CommandLine;
using Retrieval.Errors;
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

    /// <summary>Opens the index --db names read-only (an indexer may be writing it), or says how to build one.</summary>
    public static PhotoIndex OpenForReading(ParseResult result, Option<DirectoryInfo?> option)
    {
        var paths = Read(result, option);
        return File.Exists(paths.Catalog)
            ? PhotoIndex.OpenForReading(paths)
            : throw new RetrievalException($"No index in '{paths.Root}' yet: run `retrieval index PHOTO_FOLDER` first (or give --db)");
    }
}

using System.ComponentModel.DataAnnotations;

namespace Retrieval.Hosting;

/// <summary>Where the index lives and which backend holds it (section <c>Retrieval:Index</c>).</summary>
public sealed class IndexOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Retrieval:Index";

    /// <summary>The index folder; default <c>$RETRIEVAL_DB</c>, else the user's data folder (<c>$XDG_DATA_HOME/retrieval</c>).</summary>
    public string? Root { get; set; }

    /// <summary>The backend that holds the index: <c>local</c> (SQLite, Lucene and our vector store in <see cref="Root"/>).</summary>
    [AllowedValues("local", "Local")]
    public string Backend { get; set; } = "local";
}

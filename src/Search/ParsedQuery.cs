using Retrieval.Catalog;

namespace Retrieval.Search;

/// <summary>
/// A query in the search language (see <see cref="QueryParser"/>): the text that is embedded and matched by
/// keywords, its quoted phrases, the words and concepts to leave out, the filters, and the order.
/// </summary>
public sealed record ParsedQuery
{
    /// <summary>The free words and the phrases' words, in order: what the text encoder embeds and keywords match.</summary>
    public string Text { get; init; } = "";

    /// <summary>"Quoted phrases": a keyword hit must hold each of them, word for word.</summary>
    public IReadOnlyList<string> Phrases { get; init; } = [];

    /// <summary>-word: photos whose captions, tags or names hold one of these are left out.</summary>
    public IReadOnlyList<string> ExcludedWords { get; init; } = [];

    /// <summary>-"concept": each one's text vector is subtracted from the query's (as rclip does).</summary>
    public IReadOnlyList<string> ExcludedConcepts { get; init; } = [];

    /// <summary>folder:, after:, before:, camera:.</summary>
    public PhotoFilter Filter { get; init; } = PhotoFilter.None;

    /// <summary>sort:date, else by relevance.</summary>
    public SortOrder Sort { get; init; } = SortOrder.Relevance;

    /// <summary>Whether there is text to embed or to match.</summary>
    public bool HasText => Text.Length > 0;
}

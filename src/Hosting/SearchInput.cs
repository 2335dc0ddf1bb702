using Retrieval.Catalog;
using Retrieval.Search;

namespace Retrieval.Hosting;

/// <summary>
/// A search as a shell receives it, before anything is parsed or embedded: the text in the search language,
/// an image, and how to rank and page. Filters given beside the text join those written in it (a value given
/// here stands over the same filter in the text). Unset values take <see cref="SearchOptions"/>' defaults.
/// </summary>
public sealed record SearchInput
{
    /// <summary>What to look for, in the search language (<see cref="QueryParser"/>), or null.</summary>
    public string? Text { get; init; }

    /// <summary>An image to search by (with the text: both fused), or null. An indexed photo finds the photos like it, not itself.</summary>
    public ImageInput? Image { get; init; }

    /// <summary>How to rank; default hybrid when there is text, vector for an image alone (an indexed photo: always vector).</summary>
    public SearchMode? Mode { get; init; }

    /// <summary>How many results; default <see cref="SearchOptions.DefaultResults"/>.</summary>
    public int? K { get; init; }

    /// <summary>How many ranked results to skip (paging).</summary>
    public int Offset { get; init; }

    /// <summary>Hybrid fusion by weighted scores (see <see cref="SearchRequest.Alpha"/>); null: reciprocal rank fusion.</summary>
    public double? Alpha { get; init; }

    /// <summary>Results scoring below this are dropped (see <see cref="SearchRequest.MinScore"/>).</summary>
    public double? MinScore { get; init; }

    /// <summary>Filters beside the text's own.</summary>
    public PhotoFilter Filter { get; init; } = PhotoFilter.None;

    /// <summary>The order, over the text's <c>sort:</c>.</summary>
    public SortOrder? Sort { get; init; }
}

using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Retrieval.Errors;
using Retrieval.Hosting;
using Retrieval.Search;

namespace Retrieval.Web.Apis;

/// <summary>
/// The query-string parameters every search endpoint reads, as text, so a malformed one gets a message naming
/// it (typed binding would answer a bare 400). Filters given as parameters join those written in <c>q</c>; the
/// engine applies the defaults and the bounds. <c>person=</c> and <c>excludePerson=</c> repeat, one person each (a name,
/// or an id): every person given must be in a photo, none of those left out.
/// </summary>
internal sealed record SearchParameters(
    [FromQuery(Name = "q")] string? Q,
    [FromQuery(Name = "mode")] string? Mode,
    [FromQuery(Name = "k")] string? K,
    [FromQuery(Name = "offset")] string? Offset,
    [FromQuery(Name = "alpha")] string? Alpha,
    [FromQuery(Name = "min_score")] string? MinScore,
    [FromQuery(Name = "folder")] string? Folder,
    [FromQuery(Name = "after")] string? After,
    [FromQuery(Name = "before")] string? Before,
    [FromQuery(Name = "camera")] string? Camera,
    [FromQuery(Name = "type")] string? Type,
    [FromQuery(Name = "place")] string? Place,
    [FromQuery(Name = "near")] string? Near,
    [FromQuery(Name = "sort")] string? Sort,
    [FromQuery(Name = "person")] string[]? Person,
    [FromQuery(Name = "excludePerson")] string[]? ExcludePerson)
{
    /// <summary>Whether a filter or an order is given beside <c>q</c> (then no text is needed: the photos it allows, newest first).</summary>
    public bool HasFilter => FilterFields.Any(f => !string.IsNullOrWhiteSpace(f.Value));

    /// <summary>The filters and the order given as parameters, by their names in the search language.</summary>
    private (string Field, string? Value)[] FilterFields =>
        [("folder", Folder), ("after", After), ("before", Before), ("camera", Camera), ("type", Type), ("place", Place), ("near", Near), ("sort", Sort),
            .. (Person ?? []).Select(p => ("person", (string?)p)), .. (ExcludePerson ?? []).Select(p => ("excludePerson", (string?)p))];

    /// <summary>The search these parameters describe, with <paramref name="image"/> to search by and <paramref name="text"/> over <c>q</c> when given.</summary>
    /// <exception cref="InvalidInputException">A number cannot be read, or the mode is unknown.</exception>
    /// <exception cref="QuerySyntaxException">A filter cannot be read.</exception>
    public SearchInput ToInput(ImageInput? image = null, string? text = null)
    {
        var (filter, sort) = QueryParser.ParseFields(FilterFields);
        return new SearchInput
        {
            Text = string.IsNullOrWhiteSpace(Q) ? text : Q,
            Image = image,
            Mode = ParseMode(Mode),
            K = Count(K, "k"),
            Offset = Count(Offset, "offset") ?? 0,
            Alpha = Number(Alpha, "alpha"),
            MinScore = Number(MinScore, "min_score"),
            Filter = filter,
            Sort = sort,
        };
    }

    /// <summary>A whole-number parameter, or null when absent.</summary>
    /// <exception cref="InvalidInputException">It is not a whole number.</exception>
    public static int? Count(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw new InvalidInputException(name, $"{name} must be a whole number, not '{text}'");

    /// <summary>A finite number parameter, or null when absent.</summary>
    /// <exception cref="InvalidInputException">It is not a finite number.</exception>
    public static double? Number(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value
        : throw new InvalidInputException(name, $"{name} must be a number, not '{text}'");

    private static SearchMode? ParseMode(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : Enum.TryParse<SearchMode>(text, ignoreCase: true, out var mode) && Enum.IsDefined(mode) && !int.TryParse(text, out _) ? mode
        : throw new InvalidInputException("mode", $"mode must be hybrid, vector or keyword, not '{text}'");
}

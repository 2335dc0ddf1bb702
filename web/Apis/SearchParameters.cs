using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Retrieval.Search;

namespace Retrieval.Web.Apis;

/// <summary>
/// The query-string parameters every search endpoint reads, as text, so a malformed one gets a message naming
/// it (typed binding would answer a bare 400). Filters given as parameters join those written in <c>q</c>.
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
    [FromQuery(Name = "sort")] string? Sort)
{
    public const int DefaultK = 20;

    /// <summary>The request these parameters describe (without vectors), or why they cannot describe one.</summary>
    /// <exception cref="Errors.QuerySyntaxException">q, or a filter, cannot be read.</exception>
    public (SearchRequest? Request, string? Error) ToRequest(SearchMode defaultMode = SearchMode.Hybrid)
    {
        (string Name, string? Value)[] fields = [("folder", Folder), ("after", After), ("before", Before), ("camera", Camera), ("sort", Sort)];
        var filters = fields.Where(f => !string.IsNullOrWhiteSpace(f.Value)).Select(f => $"{f.Name}:\"{f.Value!.Replace("\"", "", StringComparison.Ordinal)}\"");
        var query = QueryParser.Parse(string.Join(' ', [Q ?? "", .. filters]).Trim());
        var (k, kError) = ResultCount(K, DefaultK);
        if (kError is not null)
        {
            return (null, kError);
        }

        if (!TryInt(Offset, 0, out var offset) || offset < 0 || offset + k > SearchRequest.MaxDepth)
        {
            return (null, $"offset must be a whole number from 0 to {SearchRequest.MaxDepth - k} (with k = {k}), not '{Offset}'");
        }

        if (!TryDouble(Alpha, out var alpha) || alpha is < 0 or > 1)
        {
            return (null, $"alpha must be a number from 0 to 1, not '{Alpha}'");
        }

        if (!TryDouble(MinScore, out var minScore))
        {
            return (null, $"min_score must be a number, not '{MinScore}'");
        }

        var mode = defaultMode;
        if ((Mode is { Length: > 0 } name && !Enum.TryParse(name, ignoreCase: true, out mode)) || !Enum.IsDefined(mode) || int.TryParse(Mode, out _))
        {
            return (null, $"mode must be hybrid, vector or keyword, not '{Mode}'");
        }

        return (new SearchRequest { Query = query, Mode = mode, K = k, Offset = offset, Alpha = alpha, MinScore = minScore }, null);
    }

    /// <summary>The <c>k</c> parameter (how many results, 1 to <see cref="SearchOptions.MaxResults"/>), <paramref name="fallback"/> when absent, or why it is wrong.</summary>
    public static (int K, string? Error) ResultCount(string? text, int fallback) =>
        TryInt(text, fallback, out var k) && k is >= 1 and <= SearchOptions.MaxResults
            ? (k, null)
            : (0, $"k must be a whole number from 1 to {SearchOptions.MaxResults}, not '{text}'");

    private static bool TryInt(string? text, int fallback, out int value)
    {
        value = fallback;
        return string.IsNullOrWhiteSpace(text) || int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryDouble(string? text, out double? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed);
        value = ok ? parsed : null;
        return ok;
    }
}

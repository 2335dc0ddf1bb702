using Microsoft.Extensions.Options;
using Retrieval.Backends;
using Retrieval.Browse;
using Retrieval.Catalog;
using Retrieval.Errors;
using Retrieval.Search;

namespace Retrieval.Hosting;

/// <summary>
/// The library browsed rather than searched, for both shells: the photos by month, one month's photos, a day of the year in
/// earlier years ("on this day"), and where they were taken. Each takes a search's input: its filters narrow what is shown,
/// and its text (or words left out) to the photos that search finds. Reads only, so it runs beside a writer.
/// </summary>
public sealed class LibraryBrowser(IndexAccess index, SearchService search, IOptions<SearchOptions> options)
{
    /// <summary>The most photos of a month one request returns.</summary>
    public const int MaxMonthPhotos = SearchLimits.MaxResults;

    /// <summary>The most photos of each earlier year "on this day" shows.</summary>
    public const int OnThisDayPerYear = 12;

    /// <summary>What <paramref name="input"/> finds (with nothing asked, the whole library) by the month it was taken, newest first.</summary>
    /// <exception cref="QuerySyntaxException">The text cannot be read.</exception>
    /// <exception cref="InvalidInputException">A parameter is out of bounds.</exception>
    /// <exception cref="ModelMismatchException">The index was built with another model.</exception>
    public async Task<TimelineCounts> TimelineAsync(SearchInput input, CancellationToken cancellationToken = default)
    {
        var found = await search.FoundAsync(input, cancellationToken).ConfigureAwait(false);
        return index.Read(photos => photos.Catalog.Timeline(found, cancellationToken), new TimelineCounts([], 0));
    }

    /// <summary>The photos <paramref name="input"/> finds that were taken in <paramref name="month"/>, newest first: <paramref name="limit"/> from <paramref name="offset"/>.</summary>
    /// <exception cref="InvalidInputException">The offset or the limit is out of bounds, or another parameter is.</exception>
    /// <exception cref="QuerySyntaxException">The text cannot be read.</exception>
    /// <exception cref="ModelMismatchException">The index was built with another model.</exception>
    public async Task<MonthPhotos> MonthAsync(SearchInput input, YearMonth month, int offset, int limit, CancellationToken cancellationToken = default)
    {
        if (offset < 0)
        {
            throw new InvalidInputException("offset", $"offset must be a whole number from 0, not {offset}");
        }

        if (limit is < 1 or > MaxMonthPhotos)
        {
            throw new InvalidInputException("limit", $"limit must be a whole number from 1 to {MaxMonthPhotos}, not {limit}");
        }

        var found = await search.FoundAsync(input, cancellationToken).ConfigureAwait(false);
        return index.Read(photos =>
        {
            var page = photos.Catalog.TakenIn(found, month.Year, month.Month, offset, limit, cancellationToken);
            return new MonthPhotos(month, Searcher(photos).Listed(page.Ids), page.Total);
        }, new MonthPhotos(month, [], 0));
    }

    /// <summary>
    /// The photos <paramref name="input"/> finds that were taken on <paramref name="day"/> in a year before <paramref name="year"/>, by
    /// year, newest first (at most <see cref="OnThisDayPerYear"/> of each).
    /// </summary>
    /// <exception cref="QuerySyntaxException">The text cannot be read.</exception>
    /// <exception cref="InvalidInputException">A parameter is out of bounds.</exception>
    /// <exception cref="ModelMismatchException">The index was built with another model.</exception>
    public async Task<IReadOnlyList<YearPhotos>> OnThisDayAsync(SearchInput input, MonthDay day, int year, CancellationToken cancellationToken = default)
    {
        var found = await search.FoundAsync(input, cancellationToken).ConfigureAwait(false);
        return index.Read<IReadOnlyList<YearPhotos>>(photos =>
        {
            var taken = photos.Catalog.TakenOnDay(found, day.Month, day.Day, year, OnThisDayPerYear, cancellationToken);
            var years = taken.ToDictionary(t => t.Id, t => t.Year);
            return [.. Searcher(photos).Listed([.. taken.Select(t => t.Id)]).GroupBy(hit => years[hit.Id]).Select(g => new YearPhotos(g.Key, [.. g]))];
        }, []);
    }

    /// <summary>Where the photos <paramref name="input"/> finds were taken, as at most <see cref="MapGrid.MaxPoints"/> points (see <see cref="MapGrid"/>).</summary>
    /// <exception cref="QuerySyntaxException">The text cannot be read.</exception>
    /// <exception cref="InvalidInputException">A parameter is out of bounds.</exception>
    /// <exception cref="ModelMismatchException">The index was built with another model.</exception>
    public async Task<MapPoints> MapAsync(SearchInput input, CancellationToken cancellationToken = default)
    {
        var found = await search.FoundAsync(input, cancellationToken).ConfigureAwait(false);
        return index.Read(photos => MapGrid.Fit(photos.Catalog.MapCells(found, MapGrid.FinestCellDegrees, cancellationToken), MapGrid.FinestCellDegrees),
            new MapPoints([], MapGrid.FinestCellDegrees));
    }

    /// <summary>Photos <paramref name="ids"/> as a listing's results, in that order (a person's photos, newest first): who is in each, where it was taken.</summary>
    public IReadOnlyList<PhotoHit> Listed(IReadOnlyList<long> ids) => index.Read(photos => Searcher(photos).Listed(ids), []);

    private PhotoSearcher Searcher(PhotoIndex photos) => new(photos, options.Value);
}

using Retrieval.Catalog;
using Retrieval.Errors;
using Retrieval.Places;
using Retrieval.Search;

namespace Retrieval.Tests.Search;

/// <summary>The search language: words, phrases, exclusions, filters, order, and what it refuses.</summary>
public sealed class QueryParserTests
{
    [Fact]
    public void Parse_SplitsWordsPhrasesExclusionsFiltersAndOrder()
    {
        var query = QueryParser.Parse("""dog "red ball" -cat -"a cloudy sky" folder:"summer 2023" after:2020-06 before:2021 camera:nikon sort:date beach""");
        Assert.Equal("dog red ball beach", query.Text);
        Assert.Equal(["red ball"], query.Phrases);
        Assert.Equal(["cat"], query.ExcludedWords);
        Assert.Equal(["a cloudy sky"], query.ExcludedConcepts);
        Assert.Equal("summer 2023", query.Filter.Folder);
        Assert.Equal(new DateOnly(2020, 6, 1), query.Filter.After);
        Assert.Equal(new DateOnly(2021, 1, 1), query.Filter.Before);
        Assert.Equal("nikon", query.Filter.Camera);
        Assert.Equal(SortOrder.Date, query.Sort);
    }

    [Fact]
    public void Near_ReadsAPositionAndARadius_TenKilometresWhenNoneIsGiven()
    {
        Assert.Equal(new GeoCircle(48.8584, 2.2945, 5), QueryParser.Parse("tower near:48.8584,2.2945,5").Filter.Near);
        Assert.Equal(new GeoCircle(-33.86, 151.21, 10), QueryParser.Parse("near:\"-33.86, 151.21\"").Filter.Near);
        Assert.Equal(new GeoCircle(0.5, -179.9, 25), QueryParser.ParseFields([("near", "0.5,-179.9,25")]).Filter.Near);
    }

    [Theory]
    [InlineData(48.8584, 2.2945, 48.8606, 2.3376, 3.2, 3.1)] // the Eiffel Tower to the Louvre: 3.16 km
    [InlineData(0.5, 179.95, 0.5, -179.95, 11.2, 11.1)] // across the antimeridian
    [InlineData(89.9, 0, 89.9, 180, 22.3, 22.2)] // across the North Pole
    public void GeoCircle_MeasuresGreatCircleDistances(double latitude, double longitude, double latitude2, double longitude2, double outside, double inside)
    {
        Assert.True(new GeoCircle(latitude, longitude, outside).Contains(latitude2, longitude2));
        Assert.False(new GeoCircle(latitude, longitude, inside).Contains(latitude2, longitude2));
        Assert.False(new GeoCircle(latitude, longitude, 20000).Contains(double.NaN, longitude2));
    }

    [Theory]
    [InlineData("meeting at 10:30", "meeting at 10:30")] // a colon that is no filter is text
    [InlineData("  spaced   out  ", "spaced out")]
    [InlineData("well-known - dash", "well-known - dash")] // a lone dash and inner dashes are text
    [InlineData("\"unclosed phrase", "unclosed phrase")]
    [InlineData("\"\" empty quotes", "empty quotes")]
    [InlineData("", "")]
    public void Parse_KeepsOrdinaryTextAsText(string input, string text)
    {
        var query = QueryParser.Parse(input);
        Assert.Equal(text, query.Text);
        Assert.True(query.Filter.IsEmpty);
        Assert.Empty(query.ExcludedWords);
    }

    [Theory]
    [InlineData("after:2020-13-01", "after:2020-13-01 is not a date")]
    [InlineData("before:yesterday", "before:yesterday is not a date")]
    [InlineData("sort:size", "sort:size is not an order")]
    [InlineData("dogs folder:", "folder: needs a value")]
    [InlineData("near:48.8", "give a position as LAT,LON")]
    [InlineData("near:north,2", "give a position as LAT,LON")]
    [InlineData("near:91,2", "latitude 91 is not between -90 and 90")]
    [InlineData("near:45,-180.5", "longitude -180.5 is not between -180 and 180")]
    [InlineData("near:45,2,0", "the radius 0 km is not more than 0")]
    [InlineData("near:45,2,NaN", "the radius NaN km")]
    public void Parse_RefusesFiltersItCannotRead_SayingWhy(string input, string reason)
    {
        var error = Assert.Throws<QuerySyntaxException>(() => QueryParser.Parse(input));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RefusesAQueryOverTheLengthLimit()
    {
        Assert.Equal(QueryParser.MaxLength, QueryParser.Parse(new string('a', QueryParser.MaxLength)).Text.Length);
        var error = Assert.Throws<QuerySyntaxException>(() => QueryParser.Parse(new string('a', QueryParser.MaxLength + 1)));
        Assert.Contains("at most 1000", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rome", "/photos/trips/2023/rome", "/photos/trips", true)]
    [InlineData("ROME", "/photos/trips/2023/rome", "/photos/trips", true)]
    [InlineData("trips/2023", "/photos/trips/2023/rome", "/photos/trips", true)]
    [InlineData("trips/202", "/photos/trips/2023/rome", "/photos/trips", false)]
    [InlineData("trips/2023", "/home/me/pictures/trips/2023/rome", "/home/me/pictures", true)] // not at the start: the root's own name comes first
    [InlineData("2023/rome", "/photos/trips/2023/rome", "/photos/trips", true)]
    [InlineData("trips/rome", "/photos/trips/2023/rome", "/photos/trips", false)] // not one after the other
    [InlineData("rom", "/photos/trips/2023/rome", "/photos/trips", false)]
    [InlineData("/photos/trips/2023", "/photos/trips/2023/rome", "/photos/trips", true)]
    [InlineData("photos", "/photos/trips/2023", "/photos/trips", false)] // above the indexed root's parent
    public void FolderMatch_ByComponentPathOrAbsolutePath(string name, string folder, string root, bool expected) =>
        Assert.Equal(expected, FolderMatch.Matches(name, folder, root));
}

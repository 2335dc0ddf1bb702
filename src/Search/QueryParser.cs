using System.Globalization;
using System.Text;
using Retrieval.Catalog;
using Retrieval.Errors;
using Retrieval.Places;

namespace Retrieval.Search;

/// <summary>
/// The search language, shared by the command line and the server:
/// <list type="bullet">
/// <item>free words: matched by meaning and by keywords;</item>
/// <item><c>"a phrase"</c>: also matched by meaning; a keyword hit must hold it word for word;</item>
/// <item><c>-word</c>: leaves out photos whose captions, tags or names hold the word;</item>
/// <item><c>-"a concept"</c>: subtracts the concept's text vector from the query's;</item>
/// <item><c>person:NAME</c> (several: all of them in it), <c>-person:NAME</c> (not in it);</item>
/// <item><c>folder:NAME</c>, <c>after:DATE</c>, <c>before:DATE</c>, <c>camera:TEXT</c>, <c>type:photo</c> or <c>type:video</c>, <c>place:NAME</c>, <c>near:LAT,LON[,KM]</c> (values may be quoted;
/// DATE is YYYY, YYYY-MM or YYYY-MM-DD, and means its first day), <c>sort:date</c> (newest first).</item>
/// </list>
/// Anything else with a colon is plain text ("10:30"), and an unclosed quote runs to the end.
/// </summary>
public static class QueryParser
{
    /// <summary>The longest query accepted, in characters.</summary>
    public const int MaxLength = 1000;

    private static readonly string[] DateFormats = ["yyyy", "yyyy-MM", "yyyy-MM-dd"];

    /// <summary>Parses <paramref name="query"/>.</summary>
    /// <exception cref="QuerySyntaxException">The query is longer than <see cref="MaxLength"/>, or a filter's value cannot be read.</exception>
    public static ParsedQuery Parse(string? query)
    {
        query ??= "";
        if (query.Length > MaxLength)
        {
            throw new QuerySyntaxException(query, $"it has {query.Length} characters; at most {MaxLength} are allowed");
        }

        var text = new List<string>();
        List<string> phrases = [], excludedWords = [], excludedConcepts = [];
        var filter = PhotoFilter.None;
        var sort = SortOrder.Relevance;
        var position = 0;
        while (NextToken(query, ref position) is { } token)
        {
            switch (token)
            {
                case { Quoted: true, Negated: false }:
                    phrases.Add(token.Value);
                    text.Add(token.Value);
                    break;
                case { Quoted: true, Negated: true }:
                    excludedConcepts.Add(token.Value);
                    break;
                case { Field: "person", Negated: true }:
                    filter = filter with { ExcludedPeople = [.. filter.ExcludedPeople, NonEmpty(query, "-person", token.Value)] };
                    break;
                case { Negated: true }:
                    excludedWords.Add(token.Value);
                    break;
                case { Field: { } field }:
                    (filter, sort) = ApplyField(query, field, token.Value, filter, sort);
                    break;
                default:
                    text.Add(token.Value);
                    break;
            }
        }

        return new ParsedQuery
        {
            Text = string.Join(' ', text),
            Phrases = phrases,
            ExcludedWords = excludedWords,
            ExcludedConcepts = excludedConcepts,
            Filter = filter,
            Sort = sort,
        };
    }

    /// <summary>
    /// Filters and an order given as separate fields (an HTTP query's <c>folder=</c>, <c>after=</c>, ...), read by the
    /// same rules as in the text; fields without a value are left out.
    /// </summary>
    /// <exception cref="QuerySyntaxException">A value cannot be read.</exception>
    public static (PhotoFilter Filter, SortOrder? Sort) ParseFields(IEnumerable<(string Field, string? Value)> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var filter = PhotoFilter.None;
        SortOrder? order = null;
        foreach (var (field, value) in fields)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                var (next, sort) = ApplyField($"{field}:{value}", field, value.Trim(), filter, order ?? SortOrder.Relevance);
                (filter, order) = (next, field == "sort" ? sort : order);
            }
        }

        return (filter, order);
    }

    private static (PhotoFilter, SortOrder) ApplyField(string query, string field, string value, PhotoFilter filter, SortOrder sort)
    {
        if (value.Length == 0)
        {
            throw new QuerySyntaxException(query, $"{field}: needs a value");
        }

        return field switch
        {
            "folder" => (filter with { Folder = value }, sort),
            "camera" => (filter with { Camera = value }, sort),
            "type" => (filter with { Kind = Kind(query, value) }, sort),
            "place" => (filter with { Place = value }, sort),
            "person" => (filter with { People = [.. filter.People, value] }, sort),
            "excludePerson" => (filter with { ExcludedPeople = [.. filter.ExcludedPeople, value] }, sort),
            "near" => (filter with { Near = GeoCircle.TryParse(value, out var reason) ?? throw new QuerySyntaxException(query, $"near:{value}: {reason}") }, sort),
            "after" => (filter with { After = Date(query, field, value) }, sort),
            "before" => (filter with { Before = Date(query, field, value) }, sort),
            _ when value.Equals("date", StringComparison.OrdinalIgnoreCase) => (filter, SortOrder.Date),
            _ when value.Equals("relevance", StringComparison.OrdinalIgnoreCase) => (filter, SortOrder.Relevance),
            _ => throw new QuerySyntaxException(query, $"sort:{value} is not an order; use sort:date or sort:relevance"),
        };
    }

    private static string NonEmpty(string query, string field, string value) =>
        value.Length > 0 ? value : throw new QuerySyntaxException(query, $"{field}: needs a value");

    private static string Kind(string query, string value) => value.ToLowerInvariant() switch
    {
        "photo" or "photos" or "image" or "still" => PhotoKind.Photo,
        "video" or "videos" or "movie" => PhotoKind.Video,
        _ => throw new QuerySyntaxException(query, $"type:{value} is not a kind; use type:photo or type:video"),
    };

    private static DateOnly Date(string query, string field, string value) =>
        DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new QuerySyntaxException(query, $"{field}:{value} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD");

    /// <summary>The next token from <paramref name="position"/>, or null at the end.</summary>
    private static Token? NextToken(string query, ref int position)
    {
        while (position < query.Length && char.IsWhiteSpace(query[position]))
        {
            position++;
        }

        if (position >= query.Length)
        {
            return null;
        }

        var negated = query[position] == '-' && position + 1 < query.Length && !char.IsWhiteSpace(query[position + 1]);
        if (negated)
        {
            position++;
        }

        if (query[position] == '"')
        {
            var value = ReadQuoted(query, ref position);
            return value.Length == 0 ? NextToken(query, ref position) : new Token(value, Quoted: true, negated, Field: null);
        }

        var start = position;
        while (position < query.Length && !char.IsWhiteSpace(query[position]) && query[position] != '"')
        {
            position++;
        }

        var word = query[start..position];
        var colon = word.IndexOf(':', StringComparison.Ordinal);
        var field = colon > 0 ? word[..colon].ToLowerInvariant() : null;
        if ((!negated && field is "folder" or "after" or "before" or "camera" or "type" or "place" or "near" or "sort" or "person") || (negated && field is "person"))
        {
            // A quoted value: folder:"summer 2023", -person:"Ben Ross".
            var value = colon == word.Length - 1 && position < query.Length && query[position] == '"'
                ? ReadQuoted(query, ref position)
                : word[(colon + 1)..];
            return new Token(value, Quoted: false, negated, field);
        }

        return new Token(word, Quoted: false, negated, Field: null);
    }

    private static string ReadQuoted(string query, ref int position)
    {
        position++; // the opening quote
        var value = new StringBuilder();
        while (position < query.Length && query[position] != '"')
        {
            value.Append(query[position++]);
        }

        position = Math.Min(position + 1, query.Length); // the closing quote, when there is one
        return string.Join(' ', value.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private sealed record Token(string Value, bool Quoted, bool Negated, string? Field);
}

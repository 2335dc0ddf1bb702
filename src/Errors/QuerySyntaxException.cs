namespace Retrieval.Errors;

/// <summary>A search query the engine cannot run: too long, or a filter with a value it cannot read.</summary>
public sealed class QuerySyntaxException : RetrievalException
{
    /// <summary>Creates the exception for <paramref name="query"/>.</summary>
    public QuerySyntaxException(string query, string reason)
        : base($"Cannot read the query '{Shorten(query)}': {reason}") => Reason = reason;

    /// <summary>What is wrong, without the query.</summary>
    public string Reason { get; }

    private static string Shorten(string query) => query.Length <= 80 ? query : string.Concat(query.AsSpan(0, 77), "...");
}

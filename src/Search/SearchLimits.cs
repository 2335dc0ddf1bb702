using Retrieval.Errors;

namespace Retrieval.Search;

/// <summary>
/// The bounds of a search, written once for every shell: how many results one request may ask for, how deep
/// paging may go, and what <c>alpha</c> may be. A request outside them is an <see cref="InvalidInputException"/>
/// naming the parameter, which the CLI prints and the server answers with 400.
/// </summary>
public static class SearchLimits
{
    /// <summary>The largest number of results one search returns.</summary>
    public const int MaxResults = 200;

    /// <summary>The most results one request may skip plus return.</summary>
    public const int MaxDepth = 1000;

    /// <summary>Refuses a request outside the bounds.</summary>
    /// <exception cref="InvalidInputException">k, offset or alpha is out of bounds.</exception>
    public static void Validate(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateCount(request.K);
        // Compared as long: offset + k must not overflow past the bound.
        if (request.Offset < 0 || (long)request.Offset + request.K > MaxDepth)
        {
            throw new InvalidInputException("offset", $"offset must be a whole number from 0 to {MaxDepth - request.K} (with k = {request.K}), not {request.Offset}");
        }

        if (request.Alpha is { } alpha && !(alpha is >= 0 and <= 1))
        {
            throw new InvalidInputException("alpha", $"alpha must be a number from 0 to 1, not {alpha}");
        }

        if (request.MinScore is { } minimum && double.IsNaN(minimum))
        {
            throw new InvalidInputException("min_score", "min_score must be a number");
        }
    }

    /// <summary>Refuses a result count outside 1 to <see cref="MaxResults"/>.</summary>
    /// <exception cref="InvalidInputException"><paramref name="k"/> is out of bounds.</exception>
    public static void ValidateCount(int k)
    {
        if (k is < 1 or > MaxResults)
        {
            throw new InvalidInputException("k", $"k must be a whole number from 1 to {MaxResults}, not {k}");
        }
    }
}

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Retrieval.Web.Apis;

/// <summary>
/// A small JSON body, read within a bound: one announced over it is refused (413) from its headers, one without a length
/// is cut off as it arrives. A body of another type is 415: a form cannot send JSON without a preflight, which the server
/// never grants, so requiring it keeps pages elsewhere from writing. Malformed JSON is a 400 naming the shape expected.
/// </summary>
internal static class JsonBody
{
    /// <summary>The largest body a JSON write takes: a name or a key and their JSON, with room to spare.</summary>
    public const int MaxBytes = 16 << 10;

    /// <summary>The body as <typeparamref name="T"/>, or the problem to answer; <paramref name="shape"/> shows what is expected (<c>{"name": "..."}</c>).</summary>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> type, string shape)
        where T : class
    {
        if (http.Request.ContentLength > MaxBytes)
        {
            return (null, TooLarge());
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes;
        }

        if (!http.Request.HasJsonContentType())
        {
            return (null, Problems.Unsupported($"send the body as JSON: {shape}"));
        }

        try
        {
            return await http.Request.ReadFromJsonAsync(type, http.RequestAborted).ConfigureAwait(false) is { } value
                ? (value, null)
                : (null, Problems.BadRequest($"the body is null; send JSON of the form {shape}"));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
        catch (JsonException)
        {
            return (null, Problems.BadRequest($"the body is not JSON of the form {shape}"));
        }
    }

    private static ProblemHttpResult TooLarge() => Problems.TooLarge($"a JSON body here is at most {MaxBytes:N0} bytes");
}

using Microsoft.AspNetCore.Http.HttpResults;

namespace Retrieval.Web.Apis;

/// <summary>The API's error answers: RFC 9457 problem details with a message that names what was wrong.</summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Bad request", detail);

    public static ProblemHttpResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);

    public static ProblemHttpResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, "Conflict", detail);

    public static ProblemHttpResult TooLarge(string detail) => Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large", detail);

    public static ProblemHttpResult Unsupported(string detail) => Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", detail);

    /// <summary>A problem; with <paramref name="correlationId"/>, the id under which the server logged it.</summary>
    public static ProblemHttpResult Problem(int status, string title, string detail, string? correlationId = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title,
            extensions: correlationId is null ? null : new Dictionary<string, object?> { ["correlationId"] = correlationId });
}

using Microsoft.AspNetCore.Diagnostics;
using Retrieval.Errors;
using Retrieval.Web.Apis;

namespace Retrieval.Web.Errors;

/// <summary>
/// Turns every exception a request raises into problem details: each engine error type and the framework's bad
/// requests into their own status (<see cref="StatusOf"/>), anything else into a 500 that names a correlation id,
/// logged in full with it, with no stack trace in the body.
/// </summary>
internal sealed partial class ErrorMapping(ILogger<ErrorMapping> logger) : IExceptionHandler
{
    /// <summary>The status and title of <paramref name="exception"/>, or null when it is not an expected failure (a 500).</summary>
    public static (int Status, string Title)? StatusOf(Exception exception, bool requestAborted) => exception switch
    {
        QuerySyntaxException or InvalidInputException => (StatusCodes.Status400BadRequest, "Bad request"),
        PhotoNotFoundException or PersonNotFoundException => (StatusCodes.Status404NotFound, "Not found"),
        StoreLockedException or ModelMismatchException => (StatusCodes.Status409Conflict, "Conflict"),
        UnsupportedImageException or UnreadableVideoException => (StatusCodes.Status415UnsupportedMediaType, "Unsupported media type"),
        IndexNotFoundException or IndexUnavailableException or IndexStorageException or CorruptStoreException or IndexDamagedException or CatalogSchemaException
            or StoreFaultException =>
            (StatusCodes.Status503ServiceUnavailable, "Service unavailable"),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, "Payload too large"),
        BadHttpRequestException e => (e.StatusCode, "Bad request"),
        OperationCanceledException when requestAborted => (StatusCodes.Status503ServiceUnavailable, "Service unavailable"),
        // InferenceException, ModelLoadException, ModelDownloadException and every other type: the server's fault.
        _ => null,
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        var aborted = httpContext.RequestAborted.IsCancellationRequested;
        var problem = StatusOf(exception, aborted) switch
        {
            { } known => Problems.Problem(known.Status, known.Title, aborted && exception is OperationCanceledException
                ? "the request took too long or was cancelled"
                : exception.Message),
            null => Internal(httpContext, exception),
        };
        await problem.ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }

    private Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Internal(HttpContext httpContext, Exception exception)
    {
        var id = httpContext.TraceIdentifier;
        LogInternalError(logger, exception, id, httpContext.Request.Method, httpContext.Request.Path);
        return Problems.Problem(StatusCodes.Status500InternalServerError, "Internal server error",
            $"the server failed to answer this request; its log has the details under id {id}", id);
    }

    [LoggerMessage(EventId = 3100, EventName = "InternalError", Level = LogLevel.Error, Message = "Request {Id} ({Method} {Path}) failed")]
    private static partial void LogInternalError(ILogger logger, Exception exception, string id, string method, string path);
}

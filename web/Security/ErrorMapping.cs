using Microsoft.AspNetCore.Diagnostics;
using Retrieval.Errors;
using Retrieval.Web.Apis;

namespace Retrieval.Web;

/// <summary>
/// Turns the engine's typed errors, and bad requests the framework detects, into problem details with the right
/// status: a query it cannot read 400, an upload that is not an image 415, an index another process is
/// writing or built with another model 409, a body over the limit 413, a timeout or an index that cannot be
/// read 503. Anything else is a bug: 500, logged in full.
/// </summary>
internal sealed class ErrorMapping : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var problem = exception switch
        {
            QuerySyntaxException e => Problems.BadRequest(e.Message),
            UnsupportedImageException e => Problems.Unsupported(e.Message),
            StoreLockedException e => Problems.Conflict(e.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } e => Problems.TooLarge(e.Message),
            BadHttpRequestException e => Problems.Problem(e.StatusCode, "Bad request", e.Message),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested =>
                Problems.Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "the request took too long or was cancelled"),
            CorruptStoreException or CatalogSchemaException => Problems.Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", exception.Message),
            RetrievalException e => Problems.Conflict(e.Message), // the index was built with another model than the server's
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        await problem.ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }
}

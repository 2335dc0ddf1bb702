using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Retrieval.Web.Limits;

/// <summary>
/// The slots searches and captions run in: <see cref="ServerOptions.MaxConcurrentSearches"/> at once,
/// <see cref="ServerOptions.SearchQueue"/> waiting, the rest refused (503, Retry-After). An upload takes its slot
/// only once its body is in (see <see cref="UploadFilter"/>), so slow senders never hold one.
/// </summary>
internal sealed class WorkSlots(IOptions<ServerOptions> options) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.MaxConcurrentSearches,
        QueueLimit = options.Value.SearchQueue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>Waits for a slot; the lease says whether one was given.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken) => _limiter.AcquireAsync(1, cancellationToken);

    /// <summary>The refusal when none was: 503 with Retry-After.</summary>
    public IResult Refusal(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.RetryAfter = "1";
        return Apis.Problems.Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable",
            $"{options.Value.MaxConcurrentSearches} searches are running and {options.Value.SearchQueue} waiting: retry in a second");
    }

    public void Dispose() => _limiter.Dispose();
}

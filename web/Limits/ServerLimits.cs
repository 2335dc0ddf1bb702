using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Retrieval.Web.Limits;

/// <summary>
/// The server's bounds: a concurrency limit on searches (a queue, then 503 with Retry-After), a timeout on the
/// search, caption and photo requests (503), and body limits sized for one upload.
/// </summary>
internal static class ServerLimits
{
    public const string SearchPolicy = "search";

    /// <summary>The timeout policy of the work endpoints (not of status and health, which must answer under load).</summary>
    public const string TimeoutPolicy = "work";

    /// <summary>A route group of work endpoints (searches, captions): the concurrency limit and the request timeout apply.</summary>
    public static RouteGroupBuilder MapWorkGroup(this IEndpointRouteBuilder routes, string prefix)
    {
        var group = routes.MapGroup(prefix).RequireRateLimiting(SearchPolicy);
        group.WithRequestTimeout(TimeoutPolicy);
        return group;
    }

    public static IServiceCollection AddServerLimits(this IServiceCollection services, ServerOptions options)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.AddConcurrencyLimiter(SearchPolicy, concurrency =>
            {
                concurrency.PermitLimit = options.MaxConcurrentSearches;
                concurrency.QueueLimit = options.SearchQueue;
                concurrency.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
            limiter.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                await Apis.Problems.Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable",
                    $"{options.MaxConcurrentSearches} searches are running and {options.SearchQueue} waiting: retry in a second").ExecuteAsync(context.HttpContext).ConfigureAwait(false);
            };
        });
        services.AddRequestTimeouts(timeouts => timeouts.AddPolicy(TimeoutPolicy, new RequestTimeoutPolicy
        {
            Timeout = options.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
        }));
        // One upload plus the multipart framing; larger bodies are cut off while they arrive.
        var body = options.MaxUploadBytes + (64 << 10);
        services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = body);
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = body);
        return services;
    }
}

using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Retrieval.Search;

namespace Retrieval.Web.Limits;

/// <summary>
/// The server's bounds: work slots for searches and captions (<see cref="WorkSlots"/>), uploads received before
/// they take one (<see cref="UploadFilter"/>), a timeout on the search, caption and photo requests (503), body
/// limits sized for one upload held in memory, and a request line long enough for the longest query.
/// </summary>
internal static class ServerLimits
{
    /// <summary>The timeout policy of the work endpoints (not of status and health, which must answer under load).</summary>
    public const string TimeoutPolicy = "work";

    /// <summary>A route group of work endpoints (searches, captions, photos): the request timeout applies.</summary>
    public static RouteGroupBuilder MapWorkGroup(this IEndpointRouteBuilder routes, string prefix)
    {
        var group = routes.MapGroup(prefix);
        group.WithRequestTimeout(TimeoutPolicy);
        return group;
    }

    /// <summary>The endpoint runs in a work slot.</summary>
    public static RouteHandlerBuilder InWorkSlot(this RouteHandlerBuilder endpoint) => endpoint.AddEndpointFilter<WorkSlotFilter>();

    /// <summary>The endpoint receives an upload first (bounded), then runs in a work slot.</summary>
    public static RouteHandlerBuilder AfterUpload(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter<UploadFilter>().AddEndpointFilter<WorkSlotFilter>().DisableAntiforgery();

    public static IServiceCollection AddServerLimits(this IServiceCollection services, ServerOptions options)
    {
        services.AddSingleton<WorkSlots>();
        services.AddSingleton<UploadSlots>();
        services.AddRequestTimeouts(timeouts => timeouts.AddPolicy(TimeoutPolicy, new RequestTimeoutPolicy
        {
            Timeout = options.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
        }));
        // One upload plus the multipart framing, held in memory (never a temporary file); larger bodies are cut off while they arrive.
        var body = options.MaxUploadBytes + (64 << 10);
        services.Configure<FormOptions>(form =>
        {
            form.MultipartBodyLengthLimit = body;
            form.MemoryBufferThreshold = (int)Math.Min(body, int.MaxValue);
        });
        services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = body;
            // The longest query the language allows, every character percent-encoded as four UTF-8 bytes, and the other parameters.
            kestrel.Limits.MaxRequestLineSize = Math.Max(kestrel.Limits.MaxRequestLineSize, (QueryParser.MaxLength * 12) + 4096);
        });
        return services;
    }
}

using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Options;
using Retrieval.Web.Apis;

namespace Retrieval.Web.Limits;

/// <summary>
/// Receives an upload before anything else is spent on it: at most <see cref="ServerOptions.MaxConcurrentUploads"/>
/// at once (503 beyond), each no slower than <see cref="ServerOptions.MinUploadBytesPerSecond"/> (cut off with 408)
/// and within the size limit (413), into memory. Only then does the request go on to take a work slot, so a search
/// never waits behind an upload still on the wire. The handler reads the result with <see cref="Uploads.Received"/>.
/// </summary>
internal sealed class UploadFilter(IOptions<ServerOptions> options, UploadSlots receiving) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (!receiving.TryEnter())
        {
            http.Response.Headers.RetryAfter = "1";
            return Problems.Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable",
                $"{options.Value.MaxConcurrentUploads} uploads are arriving already: retry in a second");
        }

        Upload upload;
        try
        {
            if (http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
            {
                rate.MinDataRate = new MinDataRate(options.Value.MinUploadBytesPerSecond, TimeSpan.FromSeconds(2));
            }

            upload = await Uploads.ReadAsync(http.Request, options.Value.MaxUploadBytes, http.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            receiving.Leave();
        }

        if (upload.Problem is { } problem)
        {
            return problem;
        }

        http.Items[typeof(Upload)] = upload;
        return await next(context).ConfigureAwait(false);
    }
}

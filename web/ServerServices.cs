using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Retrieval.Hosting;
using Retrieval.Web.Contracts;
using Retrieval.Web.Errors;
using Retrieval.Web.Indexing;
using Retrieval.Web.Limits;
using Retrieval.Web.Security;

namespace Retrieval.Web;

/// <summary>The server's wiring: the engine (the same <c>AddRetrieval</c> the CLI uses), then what HTTP adds around it.</summary>
internal static class ServerServices
{
    private static readonly string[] ListenSettings = ["urls", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS"];

    /// <summary>Registers the engine, the server's options and limits, problem details, OpenAPI and background indexing.</summary>
    public static WebApplicationBuilder AddRetrievalServer(this WebApplicationBuilder builder)
    {
        // Loopback only unless told otherwise (--urls, ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS).
        if (ListenSettings.All(key => string.IsNullOrEmpty(builder.Configuration[key])))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5000");
        }

        var server = builder.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
        builder.Logging.AddSafeConsole();
        builder.Services.AddRetrieval(builder.Configuration);
        builder.Services.AddOptions<ServerOptions>().BindConfiguration(ServerOptions.Section).ValidateDataAnnotations()
            .Validate(options => options.TrustedProxies.All(entry => ProxyNetworks.TryParse(entry, out _)), "Retrieval:Server:TrustedProxies takes addresses (10.0.0.2) and networks (10.0.0.0/8)")
            .ValidateOnStart();
        builder.Services.Configure<JsonOptions>(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        builder.Services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ErrorMapping>();
        builder.Services.AddOpenApi();
        builder.Services.AddServerLimits(server);
        builder.Services.AddSingleton<BackgroundIndexing>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BackgroundIndexing>());
        builder.Services.AddSingleton<Listening>();
        builder.Services.AddSingleton<Reach>();
        builder.Services.AddSingleton<AccessKey>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<KeyAttempts>();
        builder.Services.AddSingleton<Sessions>();
        builder.Services.AddHostedService<ExposureCheck>();
        return builder;
    }

    /// <summary>
    /// The request pipeline, outermost first: forwarded requests (the trusted proxies' client and scheme), errors as
    /// problem details, security headers, the Host check, the cross-site check, routing, the key, timeouts, the page's
    /// static files.
    /// </summary>
    public static WebApplication UseRetrievalServer(this WebApplication app)
    {
        app.UseForwardedRequests(app.Services.GetRequiredService<IOptions<ServerOptions>>().Value);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseMiddleware<HostGuard>();
        app.UseMiddleware<CrossSiteGuard>();
        app.UseRouting();
        app.UseMiddleware<KeyGuard>();
        app.UseRequestTimeouts();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }
}

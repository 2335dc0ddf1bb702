using Retrieval.Search;
using Retrieval.Web;
using Retrieval.Web.Apis;
using Retrieval.Web.Contracts;
using Retrieval.Web.Engine;

// The query server: a thin HTTP shell over src/ (search, captions, photos, status, background indexing) and the
// search page. `dotnet run --project web` serves the default index on http://127.0.0.1:5000.
var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_HTTP_PORTS"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5000");
}

var server = builder.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
builder.Services.AddOptions<ServerOptions>().Bind(builder.Configuration.GetSection(ServerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<SearchOptions>().Bind(builder.Configuration.GetSection(SearchOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
builder.Services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ErrorMapping>();
builder.Services.AddOpenApi();
builder.Services.AddServerLimits(server);
builder.Services.AddSingleton<SearchEngine>();
builder.Services.AddSingleton<IndexingService>();
builder.Services.AddHostedService(services => services.GetRequiredService<IndexingService>());

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseRequestTimeouts();
app.UseRateLimiter();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapOpenApi();
app.MapSearchApi();
app.MapCaptionApi();
app.MapImagesApi();
app.MapStatusApi();
app.MapIndexApi();
app.Run();

/// <summary>The entry point, visible to tests that host the server.</summary>
public partial class Program;

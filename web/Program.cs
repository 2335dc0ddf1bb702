using Retrieval.Web;
using Retrieval.Web.Apis;
using Retrieval.Web.Security;

// The query server: a thin HTTP shell over the engine (src/) and the search page.
// `dotnet run --project web` serves the default index on http://127.0.0.1:5000.
var builder = WebApplication.CreateBuilder(args).AddRetrievalServer();
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

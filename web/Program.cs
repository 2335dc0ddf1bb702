using Retrieval.Web;
using Retrieval.Web.Apis;

// The query server: a thin HTTP shell over the engine (src/) and the search page.
// `dotnet run --project web` serves the default index on http://127.0.0.1:5000. The content root is the program's own
// folder (the page and appsettings.json are copied there), so the server serves its page from wherever it is started.
var app = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory }).AddRetrievalServer().Build();
app.UseRetrievalServer();
app.MapOpenApi();
app.MapSearchApi();
app.MapCaptionApi();
app.MapImagesApi();
app.MapStatusApi();
app.MapIndexApi();
app.MapDuplicatesApi();
app.MapPlacesApi();
app.MapPeopleApi();
app.MapTimelineApi();
app.MapWorldMapApi();
app.MapSessionApi();
app.Run();

/// <summary>The entry point, visible to tests that host the server.</summary>
public partial class Program;

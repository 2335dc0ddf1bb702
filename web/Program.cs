using Retrieval.Web.Apis;

// The query server. For now it serves the search page shell and a health probe; the search API
// arrives with the query-server issue, as a thin shell over src/.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddProblemDetails();

var app = builder.Build();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapGroup("/api").MapHealthApi();
app.Run();

/// <summary>The entry point, visible to tests that host the server.</summary>
public partial class Program;

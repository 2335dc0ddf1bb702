using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Retrieval.Catalog;
using Retrieval.Hosting;
using Retrieval.Imaging;
using Retrieval.People;
using Retrieval.Web.Contracts;
using Retrieval.Web.Limits;
using Retrieval.Web.Security;

namespace Retrieval.Web.Apis;

/// <summary>
/// The people of the library: <c>GET /api/people</c> (most faces first), one person with their faces and photos, their
/// face's thumbnail (cropped from the photo, cached, ETag, 304); and the user's decisions — a name or hiding
/// (<c>PUT /api/people/{id}</c>), a merge (<c>POST /api/people/{id}/merge</c>), a face moved (<c>PUT /api/faces/{id}</c>) —
/// each a JSON write that needs the key, as every change to the index does.
/// </summary>
internal static class PeopleApi
{
    private const int DefaultThumbnail = 128;
    private const int DefaultPhotos = 100;

    public static string ThumbnailUrl(long id) => string.Create(CultureInfo.InvariantCulture, $"/api/people/{id}/thumbnail");

    /// <remarks>
    /// The writes declare no <c>Accepts</c>: routing would then answer another content type with a bare 415 before the
    /// handler, whose own 415 names the JSON it wants.
    /// </remarks>
    public static IEndpointRouteBuilder MapPeopleApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapWorkGroup("/api/people");
        api.MapGet("", List).WithName("People").WithSummary("The people found in the photos, most faces first, and how many faces belong to nobody yet; hidden people too with hidden=true");
        api.MapGet("/{id:long}", GetPerson).WithName("GetPerson")
            .WithSummary($"A person: their faces, and their photos newest first as search results (offset, limit 1 to {LibraryBrowser.MaxMonthPhotos}, default {DefaultPhotos})");
        api.MapGet("/{id:long}/thumbnail", GetThumbnailAsync).WithName("GetPersonThumbnail")
            .WithSummary($"A JPEG of the person's face, cut square from its photo, 'size' pixels a side ({ThumbnailEncoder.MinSize} to {ThumbnailEncoder.MaxSize}, default {DefaultThumbnail}) snapped up as photo thumbnails are");
        api.MapPut("/{id:long}", UpdateAsync).WithName("UpdatePerson").WithSummary("Names a person ({\"name\": \"...\"}, null or empty takes the name away) or hides them ({\"hidden\": true}); needs the API key")
            .RequireKey();
        api.MapPost("/{id:long}/merge", MergeAsync).WithName("MergePeople").WithSummary("Merges another person ({\"from\": id}) into this one, who is kept; needs the API key")
            .RequireKey();
        routes.MapWorkGroup("/api/faces").MapPut("/{id:long}", MoveFaceAsync).WithName("MoveFace")
            .WithSummary("Moves a face to a person ({\"person\": id}), to nobody ({\"person\": null}), or marks it no person's face ({\"notAPerson\": true}); needs the API key")
            .RequireKey();
        return routes;
    }

    private static Results<Ok<PeopleResponse>, ProblemHttpResult> List(LibraryPeople people, string? hidden = null)
    {
        if (hidden is { Length: > 0 } && !bool.TryParse(hidden, out _))
        {
            return Problems.BadRequest($"hidden must be true or false, not '{hidden}'");
        }

        var list = people.List(hidden is { Length: > 0 } && bool.Parse(hidden));
        return TypedResults.Ok(new PeopleResponse([.. list.People.Select(ToResponse)], list.Unassigned));
    }

    /// <remarks>An unknown person is a PersonNotFoundException, which the error mapping answers with 404.</remarks>
    private static Results<Ok<PersonDetailsResponse>, ProblemHttpResult> GetPerson(long id, LibraryPeople people, LibraryBrowser browser, string? offset = null, string? limit = null)
    {
        var from = SearchParameters.Count(offset, "offset") ?? 0;
        var count = SearchParameters.Count(limit, "limit") ?? DefaultPhotos;
        if (from < 0 || count is < 1 or > LibraryBrowser.MaxMonthPhotos)
        {
            return Problems.BadRequest($"offset must be 0 or more and limit from 1 to {LibraryBrowser.MaxMonthPhotos}");
        }

        var details = people.Person(id);
        var person = details.Person;
        var photos = browser.Listed([.. details.Photos.Skip(from).Take(count)]);
        return TypedResults.Ok(new PersonDetailsResponse(person.Id, person.Name, person.Faces, person.Photos, ThumbnailUrl(person.Id), person.Hidden,
            [.. details.Faces.Select(f => new FaceResponse(f.Id, f.PhotoId, Box(f.Face.Box)))], from, [.. photos.Select(SearchApi.ToResult)]));
    }

    private static async Task<IResult> GetThumbnailAsync(long id, string? size, HttpContext http, LibraryPeople people, PhotoFiles photos, CancellationToken cancellationToken)
    {
        var (pixels, bad) = ImagesApi.ThumbnailSize(size, DefaultThumbnail);
        if (bad is not null)
        {
            return bad;
        }

        // The ETag names the photo's version, the size and the face's box: a merge that changes the cover changes it.
        var (photoId, face) = people.Face(people.Summary(id).CoverFace);
        return await photos.FaceThumbnailAsync(photoId, face, pixels, ImagesApi.KnownTag(http), cancellationToken).ConfigureAwait(false) is { } thumbnail
            ? ImagesApi.ThumbnailResult(http, thumbnail)
            : Problems.NotFound($"the photo of person {id}'s face is gone");
    }

    private static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> UpdateAsync(long id, HttpContext http, LibraryPeople people, CancellationToken cancellationToken)
    {
        var (update, problem) = await JsonBody.ReadAsync(http, ApiJsonContext.Default.PersonUpdate, "{\"name\": \"...\", \"hidden\": false}").ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!update!.HasName && update.Hidden is null)
        {
            return Problems.BadRequest("give a name (\"name\": \"...\", or null to take it away) or \"hidden\": true or false");
        }

        var person = people.Summary(id);
        if (update.HasName)
        {
            person = await people.NameAsync(id, update.Name, cancellationToken).ConfigureAwait(false);
        }

        if (update.Hidden is { } hidden)
        {
            person = await people.HideAsync(id, hidden, cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.Ok(ToResponse(person));
    }

    /// <remarks>Merging a person into themselves is an InvalidInputException (400), an unknown one a PersonNotFoundException (404).</remarks>
    private static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> MergeAsync(long id, HttpContext http, LibraryPeople people, CancellationToken cancellationToken)
    {
        var (merge, problem) = await JsonBody.ReadAsync(http, ApiJsonContext.Default.MergeRequest, "{\"from\": id}").ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        return merge!.From is { } from
            ? TypedResults.Ok(ToResponse(await people.MergeAsync(id, from, cancellationToken).ConfigureAwait(false)))
            : Problems.BadRequest("give the person to merge into this one: {\"from\": id}");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> MoveFaceAsync(long id, HttpContext http, LibraryPeople people, CancellationToken cancellationToken)
    {
        var (move, problem) = await JsonBody.ReadAsync(http, ApiJsonContext.Default.FaceUpdate, "{\"person\": id or null, \"notAPerson\": false}").ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        await people.MoveFaceAsync(id, move!.Person, move.NotAPerson, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static PersonResponse ToResponse(PersonSummary person) => new(person.Id, person.Name, person.Faces, person.Photos, ThumbnailUrl(person.Id), person.Hidden);

    /// <summary>A face's box as the API writes it: <c>[x, y, width, height]</c>.</summary>
    internal static double[] Box(Faces.FaceBox box) => [box.X, box.Y, box.Width, box.Height];
}

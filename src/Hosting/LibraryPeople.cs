using Microsoft.Extensions.Options;
using Retrieval.Backends;
using Retrieval.Catalog;
using Retrieval.Errors;
using Retrieval.Faces;
using Retrieval.People;

namespace Retrieval.Hosting;

/// <summary>
/// The people of the library, for both shells: listing them, one person's faces and photos, and the user's decisions —
/// a name, a merge, a face moved or marked not a person, a person hidden — each written through the one writer and kept
/// across re-grouping and re-indexing; and the re-grouping pass on demand.
/// </summary>
public sealed class LibraryPeople(IndexAccess index, IOptions<PeopleOptions> options)
{
    /// <summary>Every person (hidden ones with <paramref name="hidden"/>), most faces first; nothing indexed: none.</summary>
    public PeopleList List(bool hidden = false) => index.Read(photos =>
        new PeopleList([.. photos.Catalog.People().Where(p => hidden || !p.Hidden)], photos.Catalog.UnassignedFaces()), new PeopleList([], 0));

    /// <summary>The paths of person <paramref name="id"/>'s photos, newest first (none for an unknown person).</summary>
    public IReadOnlyList<string> PhotoPaths(long id) => index.Read(photos =>
    {
        var ids = photos.Catalog.PhotosOfPerson(id);
        var summaries = photos.Catalog.Photos(ids);
        return (IReadOnlyList<string>)[.. ids.Where(summaries.ContainsKey).Select(i => summaries[i].Path)];
    }, []);

    /// <summary>Person <paramref name="id"/> with their faces and photos.</summary>
    /// <exception cref="PersonNotFoundException">There is no such person.</exception>
    public PersonDetails Person(long id) => index.Read<PersonDetails?>(photos =>
    {
        var catalog = photos.Catalog;
        if (catalog.Person(id) is not { } person)
        {
            return null;
        }

        var faces = catalog.FacesOfPerson(id).Select(f => (f.Id, f.PhotoId, Face: FaceItem.FromPayload(f.Payload))).Where(f => f.Face is not null)
            .Select(f => (f.Id, f.PhotoId, f.Face!)).ToList();
        return new PersonDetails(person, faces, catalog.PhotosOfPerson(id));
    }, null) ?? throw new PersonNotFoundException("person", id);

    /// <summary>The faces of photo <paramref name="photoId"/> with the person each belongs to (null: nobody yet, or not a person).</summary>
    public IReadOnlyList<(long Id, FaceItem Face, PersonRef? Person, string? State)> FacesIn(long photoId) => index.Read(photos =>
    {
        var catalog = photos.Catalog;
        // The photo's own people (not hidden, not "not a person"), not every person's counts and cover.
        var inPhoto = (catalog.PeopleIn([photoId]).GetValueOrDefault(photoId) ?? []).ToDictionary(p => p.Id);
        return (IReadOnlyList<(long, FaceItem, PersonRef?, string?)>)[.. catalog.FacesOfPhoto(photoId)
            .Select(f => (f.Id, Face: FaceItem.FromPayload(f.Payload), f.PersonId, f.State)).Where(f => f.Face is not null)
            .Select(f => (f.Id, f.Face!, f.PersonId is { } p && f.State != FaceState.NotAPerson ? inPhoto.GetValueOrDefault(p) : null, f.State))];
    }, []);

    /// <summary>Person <paramref name="id"/>: their name, counts and cover face, without their faces and photos (a thumbnail needs no more).</summary>
    /// <exception cref="PersonNotFoundException">There is no such person.</exception>
    public PersonSummary Summary(long id) => index.Read<PersonSummary?>(photos => photos.Catalog.Person(id), null) ?? throw new PersonNotFoundException("person", id);

    /// <summary>The photo of face <paramref name="faceId"/> and what the index keeps of the face (its box, a video's moment): a person's cover, to crop.</summary>
    /// <exception cref="PersonNotFoundException">There is no such face.</exception>
    public (long PhotoId, FaceItem Face) Face(long faceId) => index.Read<(long, FaceItem)?>(photos =>
        photos.Catalog.Items(FaceAnalyzer.Collection, [faceId]).TryGetValue(faceId, out var item) && FaceItem.FromPayload(item.Payload) is { } face
            ? (item.PhotoId, face)
            : ((long, FaceItem)?)null, null) ?? throw new PersonNotFoundException("face", faceId);

    /// <summary>Names person <paramref name="id"/> (null or blank: takes the name away); returns them.</summary>
    /// <exception cref="PersonNotFoundException">There is no such person.</exception>
    /// <exception cref="InvalidInputException">The name is too long or holds control characters.</exception>
    public Task<PersonSummary> NameAsync(long id, string? name, CancellationToken cancellationToken = default)
    {
        var cleaned = PersonName.Clean(name);
        return ChangeAsync(id, catalog => catalog.NamePerson(id, cleaned), cancellationToken);
    }

    /// <summary>Hides person <paramref name="id"/> from lists and results (or shows them again); returns them.</summary>
    /// <exception cref="PersonNotFoundException">There is no such person.</exception>
    public Task<PersonSummary> HideAsync(long id, bool hidden, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, catalog => catalog.HidePerson(id, hidden), cancellationToken);

    /// <summary>Merges person <paramref name="from"/> into <paramref name="into"/> (their faces stay together from now on); returns the person kept.</summary>
    /// <exception cref="PersonNotFoundException">Either person does not exist.</exception>
    /// <exception cref="InvalidInputException">They are the same person.</exception>
    public Task<PersonSummary> MergeAsync(long into, long from, CancellationToken cancellationToken = default)
    {
        if (into == from)
        {
            throw new InvalidInputException("from", $"a person cannot be merged into themselves (both ids are {into})");
        }

        return ChangeAsync(into, catalog =>
        {
            if (catalog.Person(from) is null)
            {
                throw new PersonNotFoundException("person", from);
            }

            catalog.MergePeople(into, from);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Moves face <paramref name="faceId"/> to person <paramref name="personId"/> (pinned: the grouping never moves it back), or
    /// with <paramref name="notAPerson"/> marks it not a person's face (a statue, a poster).
    /// </summary>
    /// <exception cref="PersonNotFoundException">There is no such face, or no such person.</exception>
    public Task MoveFaceAsync(long faceId, long? personId, bool notAPerson, CancellationToken cancellationToken = default) =>
        WriteAsync(catalog =>
        {
            if (!catalog.Items(FaceAnalyzer.Collection, [faceId]).TryGetValue(faceId, out var item) || FaceItem.FromPayload(item.Payload) is not { } face)
            {
                throw new PersonNotFoundException("face", faceId);
            }

            if (personId is { } person && catalog.Person(person) is null)
            {
                throw new PersonNotFoundException("person", person);
            }

            if (!notAPerson && personId is { } owner && catalog.FacesOfPhoto(item.PhotoId).Any(f => f.Id != faceId && f.PersonId == owner && f.State != FaceState.NotAPerson))
            {
                throw new InvalidInputException("person", $"person {owner} already has a face in this photo: two faces of one photo are two people");
            }

            if (notAPerson && personId is not null)
            {
                throw new InvalidInputException("person", "a face marked not a person belongs to nobody: give no person with it");
            }

            catalog.DecideFace(faceId, item.PhotoId, notAPerson ? null : personId, notAPerson ? FaceState.NotAPerson : FaceState.Pinned, FaceOverlap.Format(face.Box));
            catalog.RemoveEmptyPeople();
            return true;
        }, cancellationToken);

    /// <summary>The re-grouping pass over every face; returns how many new people it made.</summary>
    /// <exception cref="IndexNotFoundException">Nothing has been indexed yet.</exception>
    /// <exception cref="StoreLockedException">Another process writes the index.</exception>
    public Task<int> RegroupAsync(CancellationToken cancellationToken = default)
    {
        index.RequireIndex();
        return index.WriteAsync(backend => backend.OpenForMaintenance(), written => new PeopleGrouper(options.Value).GroupAsync(written, regroup: true, cancellationToken), cancellationToken);
    }

    private async Task<PersonSummary> ChangeAsync(long id, Func<ICatalog, bool> change, CancellationToken cancellationToken)
    {
        await WriteAsync(catalog =>
        {
            if (catalog.Person(id) is null)
            {
                throw new PersonNotFoundException("person", id);
            }

            return change(catalog);
        }, cancellationToken).ConfigureAwait(false);
        return Summary(id);
    }

    private Task<bool> WriteAsync(Func<ICatalog, bool> change, CancellationToken cancellationToken)
    {
        index.RequireIndex();
        return index.WriteAsync(backend => backend.OpenForMaintenance(), written => Task.FromResult(written.Catalog.InTransaction(() => change(written.Catalog))), cancellationToken);
    }
}

namespace Retrieval.Web.Contracts;

/// <summary>
/// A person as the people list shows them: their name (null until someone gives one), how many faces and photos are
/// theirs, whether they are hidden, and their face's thumbnail (<c>/api/people/{id}/thumbnail</c>).
/// </summary>
public sealed record PersonResponse(long Id, string? Name, int Faces, int Photos, string Thumbnail, bool Hidden);

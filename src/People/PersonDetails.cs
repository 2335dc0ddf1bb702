using Retrieval.Catalog;
using Retrieval.Faces;

namespace Retrieval.People;

/// <summary>A person with their faces (each face's id, photo and box) and the ids of their photos, newest first.</summary>
public sealed record PersonDetails(PersonSummary Person, IReadOnlyList<(long Id, long PhotoId, FaceItem Face)> Faces, IReadOnlyList<long> Photos);

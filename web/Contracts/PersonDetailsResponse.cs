namespace Retrieval.Web.Contracts;

/// <summary>
/// One person: what the list shows of them (<c>FaceCount</c> and <c>PhotoCount</c> their totals), every one of their faces,
/// and a page of their photos, newest first, as search results (<c>Offset</c> where the page starts).
/// </summary>
public sealed record PersonDetailsResponse(
    long Id, string? Name, int FaceCount, int PhotoCount, string Thumbnail, bool Hidden, IReadOnlyList<FaceResponse> Faces, int Offset, IReadOnlyList<SearchResult> Photos);

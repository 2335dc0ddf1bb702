namespace Retrieval.Web.Contracts;

/// <summary>A face in a photo: its id, its box (<c>[x, y, width, height]</c>, the upright photo's pixels) and who it is (null: nobody yet, or not a person).</summary>
public sealed record PhotoFaceResponse(long Id, IReadOnlyList<double> Box, Retrieval.Catalog.PersonRef? Person);

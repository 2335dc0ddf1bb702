namespace Retrieval.Analysis;

/// <summary>One of a photo's vectors in a many-per-photo collection, with what it stands for (a caption, a box, a time), kept in the catalog.</summary>
public sealed record ItemVector(float[] Vector, string? Payload);

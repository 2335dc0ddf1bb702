namespace Retrieval.Catalog;

/// <summary>
/// A face the catalog holds: its item id in the faces collection (its vector's id), its photo, its payload (box, key
/// points, score, descriptor length), and the person it belongs to with who decided it (null: nobody yet).
/// </summary>
public sealed record StoredFace(long Id, long PhotoId, string? Payload, long? PersonId, string? State);

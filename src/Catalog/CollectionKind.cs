namespace Retrieval.Catalog;

/// <summary>
/// A vector collection of an index and how its ids map to photos: the photos' own vectors (one per photo, by
/// photo id) and their captions' (many per photo, by caption id, each caption owned by one photo). Text read in
/// photos or video frames will be collections of the second kind. The catalog holds each mapping; which collections an
/// index has is declared where they are made, not here (the catalog knows nothing of what fills them).
/// </summary>
public sealed record CollectionKind
{
    /// <summary>A collection named <paramref name="name"/>, emptied by the catalog's removals of <paramref name="removalKind"/>.</summary>
    public CollectionKind(string name, string removalKind, bool onePerPhoto) => (Name, RemovalKind, OnePerPhoto) = (name, removalKind, onePerPhoto);

    /// <summary>The photos' image vectors, by photo id.</summary>
    public static CollectionKind Images { get; } = new("images", Catalog.RemovalKind.Image, onePerPhoto: true);

    /// <summary>The captions' text vectors, by caption id.</summary>
    public static CollectionKind Captions { get; } = new("captions", Catalog.RemovalKind.Caption, onePerPhoto: false);

    /// <summary>The collection's name (a folder name in the local backend).</summary>
    public string Name { get; }

    /// <summary>The kind of the catalog's queued removals that this collection carries out.</summary>
    public string RemovalKind { get; }

    /// <summary>Whether its ids are photo ids (one vector per photo), rather than ids of items a photo owns.</summary>
    public bool OnePerPhoto { get; }

    /// <summary>The dimension its vectors have whatever the model (null: the model's).</summary>
    public int? OwnDimension { get; init; }

    /// <summary>The model id its vectors are made under whatever the model (null: the model's).</summary>
    public string? OwnModel { get; init; }

    /// <inheritdoc />
    public override string ToString() => Name;
}

namespace Retrieval.Catalog;

/// <summary>
/// A vector collection of an index and how its ids map to photos: the photos' own vectors (one per photo, by
/// photo id) and their captions' (many per photo, by caption id, each caption owned by one photo). Text read in
/// photos or video frames will be collections of the second kind. The catalog holds each mapping.
/// </summary>
public sealed record CollectionKind
{
    private CollectionKind(string name, string removalKind, bool onePerPhoto) => (Name, RemovalKind, OnePerPhoto) = (name, removalKind, onePerPhoto);

    /// <summary>The photos' image vectors, by photo id.</summary>
    public static CollectionKind Images { get; } = new("images", Catalog.RemovalKind.Image, onePerPhoto: true);

    /// <summary>The captions' text vectors, by caption id.</summary>
    public static CollectionKind Captions { get; } = new("captions", Catalog.RemovalKind.Caption, onePerPhoto: false);

    /// <summary>
    /// The photos' pixel signatures (<see cref="Duplicates.PixelSignature"/>), by photo id: what near-duplicates are
    /// found with. Made by no model, so of its own dimension and name; removed with the image vector.
    /// </summary>
    public static CollectionKind Pixels { get; } = new("pixels", Catalog.RemovalKind.Image, onePerPhoto: true)
    {
        OwnDimension = Duplicates.PixelSignature.Length,
        OwnModel = Duplicates.PixelSignature.Version,
    };

    /// <summary>Every kind, in the order an index opens them.</summary>
    public static IReadOnlyList<CollectionKind> All { get; } = [Images, Captions, Pixels];

    /// <summary>The collection's name (a folder name in the local backend).</summary>
    public string Name { get; }

    /// <summary>The kind of the catalog's queued removals that this collection carries out.</summary>
    public string RemovalKind { get; }

    /// <summary>Whether its ids are photo ids (one vector per photo), rather than ids of items a photo owns.</summary>
    public bool OnePerPhoto { get; }

    /// <summary>The dimension its vectors have whatever the model (null: the model's).</summary>
    public int? OwnDimension { get; private init; }

    /// <summary>The model id its vectors are made under whatever the model (null: the model's).</summary>
    public string? OwnModel { get; private init; }

    /// <inheritdoc />
    public override string ToString() => Name;
}

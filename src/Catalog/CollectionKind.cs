namespace Retrieval.Catalog;

/// <summary>
/// A vector collection of an index, as the analyzer that fills it declares it: its name, the dimension and model of
/// its vectors, and how its ids map to photos — one vector per photo (by photo id), or many per photo (items the
/// catalog numbers, each owned by one photo and carrying a payload: a caption, a box, a time in a video). The catalog
/// keeps every collection's items, model and queued removals as data; it knows nothing of what fills them.
/// </summary>
public sealed record CollectionKind
{
    /// <summary>A collection named <paramref name="name"/> of <paramref name="dimension"/>-long vectors made by <paramref name="modelId"/>.</summary>
    /// <exception cref="ArgumentException">The name is not lowercase letters, digits and dashes, or is a name the catalog keeps for itself.</exception>
    public CollectionKind(string name, int dimension, string modelId, bool onePerPhoto)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException($"'{name}' cannot name a collection: use 1 to 40 lowercase letters, digits and dashes, not '{RemovalKind.Document}'", nameof(name));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        (Name, Dimension, ModelId, OnePerPhoto) = (name, dimension, modelId, onePerPhoto);
    }

    /// <summary>The collection's name: a folder name in the local backend, and the kind of its queued removals in the catalog.</summary>
    public string Name { get; }

    /// <summary>How long its vectors are.</summary>
    public int Dimension { get; }

    /// <summary>The model its vectors are made with (a fingerprint): vectors of another are dropped and made again.</summary>
    public string ModelId { get; }

    /// <summary>Whether its ids are photo ids (one vector per photo), rather than ids of items a photo owns.</summary>
    public bool OnePerPhoto { get; }

    /// <summary>Whether <paramref name="name"/> may name a collection.</summary>
    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= 40 } && name != RemovalKind.Document && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <inheritdoc />
    public override string ToString() => Name;
}

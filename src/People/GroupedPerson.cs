using System.Numerics.Tensors;

namespace Retrieval.People;

/// <summary>
/// A person while faces are grouped: their faces, the photos those are in, and the running sum of their descriptors (the
/// full descriptors for a Euclidean metric, the unit ones for cosine), from which a face's distance to them is bounded
/// (Euclidean) or read exactly (cosine: the average of 1 − cos is 1 − the dot with the mean).
/// </summary>
internal sealed class GroupedPerson(long id, int dimension, bool euclidean)
{
    private readonly Dictionary<long, int> _photos = [];

    public long Id => id;

    public List<GroupFace> Faces { get; } = [];

    public float[] Sum { get; } = new float[dimension];

    /// <summary>Whether the user had a say in them (a name, a pinned face): then the grouping never merges them into another.</summary>
    public bool Decided { get; set; }

    public int Count => Faces.Count;

    public bool IsIn(long photoId) => _photos.ContainsKey(photoId);

    public void Add(GroupFace face)
    {
        Faces.Add(face);
        _photos[face.PhotoId] = _photos.GetValueOrDefault(face.PhotoId) + 1;
        TensorPrimitives.MultiplyAdd(face.Vector, Weight(face), Sum, Sum);
    }

    public void Remove(GroupFace face)
    {
        if (!Faces.Remove(face))
        {
            return;
        }

        if (--_photos[face.PhotoId] == 0)
        {
            _photos.Remove(face.PhotoId);
        }

        TensorPrimitives.MultiplyAdd(face.Vector, -Weight(face), Sum, Sum);
    }

    /// <summary>Whether this person and <paramref name="other"/> share a photo (then they are two people).</summary>
    public bool SharesPhotoWith(GroupedPerson other) => _photos.Keys.Any(other.IsIn);

    private float Weight(GroupFace face) => euclidean ? face.Norm : 1;
}

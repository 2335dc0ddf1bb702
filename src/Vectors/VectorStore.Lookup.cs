namespace Retrieval.Vectors;

/// <summary>
/// Lookups by id: a stored vector, and the scores of given ids against a query (the vector side of hybrid
/// fusion, for keyword hits the scan did not rank). They hold the map lock only for reading, so they never
/// wait behind a write or a compaction, only behind the moment a commit is published.
/// </summary>
public sealed partial class VectorStore
{
    /// <summary>Copies the stored (normalised) vector of <paramref name="id"/> into <paramref name="destination"/>.</summary>
    public bool TryGetVector(long id, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Dimension, nameof(destination));
        Refresh();
        _mapLock.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            if (!Slots().TryGetSlot(id, _state, out var slot))
            {
                return false;
            }

            _segment.Vector(slot).CopyTo(destination);
            return true;
        }
        finally
        {
            _mapLock.ExitReadLock();
        }
    }

    /// <summary>The exact cosine of <paramref name="query"/> to each of <paramref name="ids"/> that is present, best first.</summary>
    public IReadOnlyList<SearchHit> Score(ReadOnlySpan<float> query, IReadOnlyCollection<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (query.Length != Dimension)
        {
            throw new ArgumentException($"the query needs {Dimension} floats, not {query.Length}", nameof(query));
        }

        Refresh();
        var unit = new float[query.Length];
        UnitLength.Normalise(query, unit);
        var hits = new List<SearchHit>(ids.Count);
        _mapLock.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            var state = _state;
            var slots = Slots();
            foreach (var id in ids)
            {
                if (slots.TryGetSlot(id, state, out var slot))
                {
                    hits.Add(new SearchHit(id, Kernels.VectorKernels.Dot(unit, _segment.Vector(slot))));
                }
            }
        }
        finally
        {
            _mapLock.ExitReadLock();
        }

        hits.Sort(static (a, b) => b.Score.CompareTo(a.Score));
        return hits;
    }
}

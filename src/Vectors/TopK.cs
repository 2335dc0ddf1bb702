namespace Retrieval.Vectors;

/// <summary>
/// The k best (score, id) candidates seen so far, with the slot each lives in: a fixed-size min-heap whose root
/// is the worst kept one, so most candidates are rejected by one comparison with <see cref="Threshold"/>. Equal
/// scores are ordered by id (the smaller first), never by slot: the same vectors give the same answer however
/// a store laid them out (appended in another order, compacted, rebuilt after a crash).
/// </summary>
internal sealed class TopK
{
    private readonly float[] _scores;
    private readonly long[] _slots;
    private readonly long[] _ids;

    public TopK(int k)
    {
        _scores = new float[k];
        _slots = new long[k];
        _ids = new long[k];
    }

    public int Count { get; private set; }

    /// <summary>The score a candidate must reach to be considered (negative infinity while not full); at an equal score the id decides.</summary>
    public float Threshold => Count < _scores.Length ? float.NegativeInfinity : _scores[0];

    public void Add(float score, long slot, long id)
    {
        if (Count < _scores.Length)
        {
            var i = Count++;
            (_scores[i], _slots[i], _ids[i]) = (score, slot, id);
            SiftUp(i);
        }
        else if (Worse(_scores[0], _ids[0], score, id))
        {
            (_scores[0], _slots[0], _ids[0]) = (score, slot, id);
            SiftDown(0);
        }
    }

    public void Merge(TopK other)
    {
        for (var i = 0; i < other.Count; i++)
        {
            Add(other._scores[i], other._slots[i], other._ids[i]);
        }
    }

    public void Clear() => Count = 0;

    /// <summary>The kept candidates, best first (equal scores by id).</summary>
    public (float Score, long Slot, long Id)[] ToSortedArray()
    {
        var result = new (float Score, long Slot, long Id)[Count];
        for (var i = 0; i < Count; i++)
        {
            result[i] = (_scores[i], _slots[i], _ids[i]);
        }

        Array.Sort(result, static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Id.CompareTo(b.Id));
        return result;
    }

    /// <summary>Whether candidate a ranks below candidate b.</summary>
    private static bool Worse(float scoreA, long idA, float scoreB, long idB) => scoreA < scoreB || (scoreA == scoreB && idA > idB);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Worse(_scores[i], _ids[i], _scores[parent], _ids[parent]))
            {
                return;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var worst = i;
            var left = (2 * i) + 1;
            if (left < Count && Worse(_scores[left], _ids[left], _scores[worst], _ids[worst]))
            {
                worst = left;
            }

            if (left + 1 < Count && Worse(_scores[left + 1], _ids[left + 1], _scores[worst], _ids[worst]))
            {
                worst = left + 1;
            }

            if (worst == i)
            {
                return;
            }

            Swap(i, worst);
            i = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_slots[a], _slots[b]) = (_slots[b], _slots[a]);
        (_ids[a], _ids[b]) = (_ids[b], _ids[a]);
    }
}

namespace Retrieval.Vectors;

/// <summary>
/// The k best (score, slot) pairs seen so far: a fixed-size min-heap whose root is the worst kept score,
/// so most candidates are rejected by one comparison with <see cref="Threshold"/>.
/// </summary>
internal sealed class TopK
{
    private readonly float[] _scores;
    private readonly long[] _slots;

    public TopK(int k)
    {
        _scores = new float[k];
        _slots = new long[k];
    }

    public int Count { get; private set; }

    /// <summary>The score a candidate must beat to enter (negative infinity while not full).</summary>
    public float Threshold => Count < _scores.Length ? float.NegativeInfinity : _scores[0];

    public void Add(float score, long slot)
    {
        if (Count < _scores.Length)
        {
            var i = Count++;
            _scores[i] = score;
            _slots[i] = slot;
            SiftUp(i);
        }
        else if (score > _scores[0])
        {
            _scores[0] = score;
            _slots[0] = slot;
            SiftDown(0);
        }
    }

    public void Merge(TopK other)
    {
        for (var i = 0; i < other.Count; i++)
        {
            Add(other._scores[i], other._slots[i]);
        }
    }

    public void Clear() => Count = 0;

    /// <summary>The kept pairs, best first.</summary>
    public (float Score, long Slot)[] ToSortedArray()
    {
        var result = new (float Score, long Slot)[Count];
        for (var i = 0; i < Count; i++)
        {
            result[i] = (_scores[i], _slots[i]);
        }

        Array.Sort(result, static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Slot.CompareTo(b.Slot));
        return result;
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (_scores[parent] <= _scores[i])
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
            var smallest = i;
            var left = (2 * i) + 1;
            if (left < Count && _scores[left] < _scores[smallest])
            {
                smallest = left;
            }

            if (left + 1 < Count && _scores[left + 1] < _scores[smallest])
            {
                smallest = left + 1;
            }

            if (smallest == i)
            {
                return;
            }

            Swap(i, smallest);
            i = smallest;
        }
    }

    private void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_slots[a], _slots[b]) = (_slots[b], _slots[a]);
    }
}

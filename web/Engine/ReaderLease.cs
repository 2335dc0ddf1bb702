using Retrieval.Indexing;

namespace Retrieval.Web.Engine;

/// <summary>One request's use of a pooled read-only index; disposing it returns the index to the pool.</summary>
internal sealed class ReaderLease(PhotoIndex index, Action<PhotoIndex> giveBack) : IDisposable
{
    private bool _returned;

    /// <summary>The index, for this request only (its catalog connection is not shared between threads).</summary>
    public PhotoIndex Index { get; } = index;

    public void Dispose()
    {
        if (!_returned)
        {
            _returned = true;
            giveBack(Index);
        }
    }
}

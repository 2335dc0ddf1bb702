using Retrieval.Backends;

namespace Retrieval.Hosting;

/// <summary>One caller's use of a pooled read-only index; disposing it returns the index to the pool.</summary>
public sealed class ReaderLease : IDisposable
{
    private readonly Action<PhotoIndex> _giveBack;
    private bool _returned;

    internal ReaderLease(PhotoIndex index, string identity, Action<PhotoIndex> giveBack) => (Index, Identity, _giveBack) = (index, identity, giveBack);

    /// <summary>The index, for this caller only (its catalog connection is not shared between threads).</summary>
    public PhotoIndex Index { get; }

    /// <summary>Which index this reads (the backend's identity when it was opened).</summary>
    internal string Identity { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_returned)
        {
            _returned = true;
            _giveBack(Index);
        }
    }
}

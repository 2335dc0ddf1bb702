using Microsoft.Extensions.Options;

namespace Retrieval.Web.Limits;

/// <summary>How many uploads may be arriving at once, across every upload endpoint (<see cref="ServerOptions.MaxConcurrentUploads"/>).</summary>
internal sealed class UploadSlots(IOptions<ServerOptions> options)
{
    private int _arriving;

    /// <summary>Takes a slot if one is free.</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _arriving) <= options.Value.MaxConcurrentUploads)
        {
            return true;
        }

        Interlocked.Decrement(ref _arriving);
        return false;
    }

    /// <summary>Gives the slot back.</summary>
    public void Leave() => Interlocked.Decrement(ref _arriving);
}

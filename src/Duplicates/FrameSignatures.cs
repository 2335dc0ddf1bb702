using Retrieval.Analysis;

namespace Retrieval.Duplicates;

/// <summary>A video's frame signatures as they are read, each with its frame's time; flat frames (black, a fade) are left out, so two clips opening on black do not match there.</summary>
internal sealed class FrameSignatures
{
    /// <summary>The signatures, in time order.</summary>
    public List<ItemVector> Frames { get; } = [];
}

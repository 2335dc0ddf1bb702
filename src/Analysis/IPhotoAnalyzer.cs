using Retrieval.Backends;
using Retrieval.Catalog;

namespace Retrieval.Analysis;

/// <summary>
/// A capability that reads something out of each photo while it is indexed: an embedding, the text in it, a signature,
/// faces, a place. It declares what it needs from the one read (<see cref="Needs"/>), where it runs
/// (<see cref="Stage"/>), the vector collections it owns (<see cref="Collections"/>), and how its work is caught up on an
/// index made before it existed (<see cref="MissingAsync"/>); it writes what it finds into the photo's
/// <see cref="PhotoAnalysis"/>, and the indexing pipeline commits that with everything else, naming none of it.
/// </summary>
/// <remarks>
/// A photo whose bytes changed (or that is caught up) is analysed by every analyzer; one whose captions alone changed, by
/// those that need no pixels. Analyzers run in the order they are registered, so one may read what an earlier one of the
/// same stage left in the photo (<see cref="PhotoAnalysis.Get{T}"/>).
/// </remarks>
public interface IPhotoAnalyzer
{
    /// <summary>A short name, for messages.</summary>
    string Name { get; }

    /// <summary>Where it runs.</summary>
    AnalyzerStage Stage { get; }

    /// <summary>What it needs from the one read of a photo.</summary>
    AnalyzerNeeds Needs { get; }

    /// <summary>The vector collections it fills (none, one or several), each with its own model and dimension.</summary>
    IReadOnlyList<CollectionKind> Collections { get; }

    /// <summary>The sources of the tags it writes (<see cref="PhotoAnalysis.SetTags"/>): kept while it does not run on a photo.</summary>
    IReadOnlyCollection<string> TagSources => [];

    /// <summary>For the <see cref="AnalyzerStage.Encode"/> stage: the most photos one <see cref="Encode"/> takes.</summary>
    int BatchSize => 1;

    /// <summary>For the <see cref="AnalyzerStage.Encode"/> stage: whether it computes on the CPU, so reading should yield to it.</summary>
    bool EncodesOnCpu => false;

    /// <summary>
    /// Reads a photo, on one of several reading threads at once: a <see cref="AnalyzerStage.Read"/> analyzer does all its
    /// work here; an <see cref="AnalyzerStage.Encode"/> one prepares the photo's input for <see cref="Encode"/>.
    /// </summary>
    /// <exception cref="AnalysisException">The photo cannot be analysed: it is marked failed with the reason.</exception>
    void Read(PhotoAnalysis photo);

    /// <summary>
    /// Looks at one picked frame of a video (when <see cref="AnalyzerNeeds.Frames"/>), on the reading thread, in order,
    /// before <see cref="Read"/> is given the video's stand-in frame. The frame's pixels are reused for the next one:
    /// keep what is found, not the frame.
    /// </summary>
    /// <exception cref="AnalysisException">The video cannot be analysed: it is marked failed with the reason.</exception>
    void ReadFrame(PhotoAnalysis video, Video.VideoFrame frame)
    {
    }

    /// <summary>Encodes a batch of photos read by <see cref="Read"/>, on the one encoder thread.</summary>
    void Encode(IReadOnlyList<PhotoAnalysis> batch, CancellationToken cancellationToken)
    {
    }

    /// <summary>After a chunk of photos is committed, looks at what it holds (it reads; a kill here loses nothing).</summary>
    Task AfterCommitAsync(PhotoIndex index, IReadOnlyList<PhotoAnalysis> committed, IndexRunCounts counts, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// After every photo of the run is committed, looks at the whole (a pass over everything the run added: the people the
    /// faces make); a kill here leaves what was committed, and the next run does it again.
    /// </summary>
    Task AfterRunAsync(PhotoIndex index, IndexRunCounts counts, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Brings up to date, from what the catalog already holds and without reading any photo, what it derives from those
    /// facts (a place from a stored position, when the place data changed); run at the start of each index run, inside a
    /// catalog transaction. Returns the photos whose keyword documents must be made again.
    /// </summary>
    IReadOnlyList<long> RefreshFromCatalog(ICatalog catalog) => [];

    /// <summary>
    /// The indexed photos it has not analysed (an index made before it existed, or while it was off): they are read and
    /// analysed again in this run.
    /// </summary>
    Task<IReadOnlyList<long>> MissingAsync(PhotoIndex index, CancellationToken cancellationToken);
}

using Retrieval.Analysis;
using Retrieval.Backends;
using Retrieval.Catalog;

namespace Retrieval.People;

/// <summary>
/// Groups the faces the faces analyzer found into people as photos arrive: after each committed chunk holding faces, new
/// faces join the people they clearly belong to or form new ones; at the end of a run that added faces, the re-grouping
/// pass. It reads nothing of the photos itself, and runs only beside the faces analyzer.
/// </summary>
public sealed class PeopleAnalyzer(PeopleGrouper grouper) : IPhotoAnalyzer
{
    /// <summary>The tally of people the run made.</summary>
    public const string Tally = "new people";

    private bool _changed;

    /// <inheritdoc />
    public string Name => "people";

    /// <inheritdoc />
    public AnalyzerStage Stage => AnalyzerStage.Read;

    /// <inheritdoc />
    public AnalyzerNeeds Needs => AnalyzerNeeds.NoPixels;

    /// <inheritdoc />
    public IReadOnlyList<CollectionKind> Collections => [];

    /// <inheritdoc />
    public void Read(PhotoAnalysis photo)
    {
    }

    /// <inheritdoc />
    public async Task AfterCommitAsync(PhotoIndex index, IReadOnlyList<PhotoAnalysis> committed, IndexRunCounts counts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(committed);
        ArgumentNullException.ThrowIfNull(counts);
        if (committed.Any(p => p.Failure is null && p.Items.GetValueOrDefault(Faces.FaceAnalyzer.Collection) is { Count: > 0 }))
        {
            _changed = true;
            counts.Tally(Tally, await grouper.GroupAsync(index, regroup: false, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <inheritdoc />
    public async Task AfterRunAsync(PhotoIndex index, IndexRunCounts counts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (_changed || index.Catalog.OrphanDecisions().Count > 0)
        {
            _changed = false;
            counts.Tally(Tally, await grouper.GroupAsync(index, regroup: true, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> MissingAsync(PhotoIndex index, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<long>>([]);
}

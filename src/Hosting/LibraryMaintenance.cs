using Microsoft.Extensions.Options;
using Retrieval.Analysis;
using Retrieval.Backends;
using Retrieval.Catalog;
using Retrieval.Duplicates;
using Retrieval.Errors;
using Retrieval.Imaging;
using Retrieval.Indexing;
using Retrieval.People;
using Retrieval.Video;

namespace Retrieval.Hosting;

/// <summary>
/// Every change to the index: bringing it up to date with photo folders, rescanning them, forgetting photos. Each
/// goes through <see cref="IndexAccess"/>'s one writer, so an index run of the server and a removal never meet.
/// </summary>
public sealed class LibraryMaintenance(IndexAccess index, EngineModels models, PhotoFiles photos, ThumbnailCache thumbnails,
    IOptions<IndexingOptions> indexing, IOptions<ImagingOptions> imaging, IOptions<NearDuplicateOptions> duplicates, IOptions<PeopleOptions> people, IEnumerable<IPhotoAnalyzer> registered,
    AnalyzerPlugins plugins, VideoReader videos)
{
    private readonly IReadOnlyList<IPhotoAnalyzer> _registered = [.. registered];
    private readonly IndexingOptions _indexing = indexing.Value;
    private readonly ImagingOptions _imaging = imaging.Value;
    private readonly NearDuplicateOptions _duplicates = duplicates.Value;
    private readonly PeopleOptions _people = people.Value;

    /// <summary>
    /// Brings the index up to date with <paramref name="roots"/> (photo folders), importing <paramref name="captionsFile"/>
    /// first when given; with <paramref name="reembed"/>, every photo is embedded again (how an index changes model).
    /// </summary>
    /// <exception cref="InvalidInputException">A root is missing or a file, or the captions file cannot be read.</exception>
    /// <exception cref="StoreLockedException">Another process writes the index.</exception>
    /// <exception cref="ModelMismatchException">The index holds another model's vectors and <paramref name="reembed"/> is false.</exception>
    public async Task<IndexRunCounts> IndexAsync(IReadOnlyList<string> roots, string? captionsFile, bool reembed, IProgress<IndexProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var folders = roots.Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r))).Distinct(StringComparer.Ordinal).ToList();
        foreach (var folder in folders.Where(f => !Directory.Exists(f)))
        {
            throw new InvalidInputException(folder, File.Exists(folder)
                ? $"'{folder}' is a file: give the folder that holds the photos"
                : $"Photo folder '{folder}' does not exist");
        }

        var captions = captionsFile is null ? null : CaptionFile.Read(Path.GetFullPath(captionsFile));
        return await IndexRunAsync(reembed, _ => folders, captions, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rescans every folder indexed so far.</summary>
    /// <exception cref="StoreLockedException">Another process writes the index.</exception>
    public Task<IndexRunCounts> RescanAsync(IProgress<IndexProgress>? progress, CancellationToken cancellationToken = default) =>
        IndexRunAsync(reembed: false, written => written.Catalog.Roots(), captions: null, progress, cancellationToken);

    /// <summary>Forgets the photos at or under <paramref name="paths"/> (files or folders); returns how many. The files are not touched.</summary>
    /// <exception cref="IndexNotFoundException">Nothing has been indexed yet.</exception>
    /// <exception cref="StoreLockedException">Another process writes the index.</exception>
    public Task<int> RemoveAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken = default) =>
        index.WriteAsync(backend => backend.OpenForMaintenance(), async written =>
        {
            var removed = await PhotoRemoval.RemoveAsync(written, paths, cancellationToken).ConfigureAwait(false);
            foreach (var id in removed)
            {
                thumbnails.Forget(id);
            }

            return removed.Count;
        }, cancellationToken);

    /// <summary>Forgets photo <paramref name="id"/>; false when the index has no such photo.</summary>
    /// <exception cref="StoreLockedException">Another process writes the index.</exception>
    public async Task<bool> RemovePhotoAsync(long id, CancellationToken cancellationToken = default) =>
        photos.Summary(id) is { } photo && await RemoveAsync([photo.Path], cancellationToken).ConfigureAwait(false) > 0;

    /// <summary>
    /// One index run over the folders <paramref name="roots"/> names, with every analyzer, in the index opened for writing
    /// their collections: the one place the index is opened for indexing.
    /// </summary>
    private Task<IndexRunCounts> IndexRunAsync(bool reembed, Func<PhotoIndex, IReadOnlyList<string>> roots, CaptionFile? captions, IProgress<IndexProgress>? progress,
        CancellationToken cancellationToken)
    {
        var analyzers = Analyzers();
        return index.WriteAsync(backend => backend.OpenForWriting(AnalyzerCollections.DeclaredBy(analyzers), reembed),
            written => new IndexingPipeline(written, analyzers, _indexing, _imaging, videos).RunAsync(roots(written), captions, progress, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Every analyzer, in the order they run: the standard ones over this engine's model, then those registered in the
    /// container, then the plug-ins' (<see cref="AnalyzerOptions.Plugins"/>).
    /// </summary>
    private List<IPhotoAnalyzer> Analyzers() => [.. StandardAnalyzers.For(models.Model, _indexing, models.TextReader, _duplicates, models.Places, models.FaceReader, _people), .. _registered, .. plugins.Analyzers];
}

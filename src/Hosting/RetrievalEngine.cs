using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Retrieval.Analysis;
using Retrieval.Backends;
using Retrieval.Catalog;
using Retrieval.Duplicates;
using Retrieval.Embedding;
using Retrieval.Errors;
using Retrieval.Evaluation;
using Retrieval.Imaging;
using Retrieval.Indexing;
using Retrieval.Models;
using Retrieval.Ocr;
using Retrieval.Search;
using Retrieval.Storage;

namespace Retrieval.Hosting;

/// <summary>
/// The engine, as every shell sees it: one index (through its backend), one model (loaded once, on first use),
/// and every operation on them — search, image to text, what a photo holds, status, indexing, removal,
/// evaluation — with the rules that go with them written here once: which model, which defaults and bounds,
/// that an index answers only with its own model, that one writer at a time changes it. The CLI and the server
/// parse input, call one method, and render what it returns.
/// </summary>
public sealed class RetrievalEngine : IDisposable
{
    private readonly IndexBackends _backends;
    private readonly ModelOptions _modelOptions;
    private readonly ILoggerFactory _loggers;
    private readonly Lazy<ClipModel> _model;
    private readonly Lazy<PhotoTextReader?> _text;
    private readonly Lazy<string> _modelId;
    private readonly ReaderPool _readers;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly BudgetedDecoder _uploads;
    private readonly ThumbnailMaker _thumbnails;
    private readonly IReadOnlyList<IPhotoAnalyzer> _registered;

    /// <summary>Creates the engine over the configured index and model; nothing is opened or loaded until first used.</summary>
    public RetrievalEngine(IndexBackends backends, IOptions<ModelOptions> model, IOptions<SearchOptions> search, IOptions<IndexingOptions> indexing,
        IOptions<ImagingOptions> imaging, IOptions<OcrOptions> ocr, IOptions<NearDuplicateOptions> duplicates, ILoggerFactory loggers, IEnumerable<IPhotoAnalyzer> registered)
    {
        _registered = [.. registered];
        ArgumentNullException.ThrowIfNull(backends);
        _backends = backends;
        _modelOptions = model.Value;
        _loggers = loggers;
        Backend = backends.At(backends.ConfiguredRoot);
        ModelPath = BundledModels.Resolve(_modelOptions.Path);
        Search = search.Value;
        Indexing = indexing.Value;
        Imaging = imaging.Value;
        Decoder = new ImageDecoder(Imaging);
        // Uploads and thumbnails share one budget for decoded pixels; uploads also get a tighter pixel limit.
        var decodeMemory = new MemoryBudget(Imaging.DecodeMemoryBytes);
        _uploads = new BudgetedDecoder(new ImageDecoder(Imaging, Imaging.MaxUploadPixels), decodeMemory);
        Thumbnails = new ThumbnailCache(Backend.CacheFolder, Imaging.ThumbnailCacheBytes, loggers.CreateLogger<ThumbnailCache>());
        _thumbnails = new ThumbnailMaker(Thumbnails, new BudgetedDecoder(Decoder, decodeMemory), Imaging.ThumbnailConcurrency, Imaging.MaxFileBytes, OpenPhotoFile);
        _readers = new ReaderPool(Backend);
        _model = new Lazy<ClipModel>(LoadModel, LazyThreadSafetyMode.ExecutionAndPublication);
        Ocr = ocr.Value;
        Duplicates = duplicates.Value;
        _text = new Lazy<PhotoTextReader?>(() => Ocr.Enabled ? PhotoTextReader.Open(OcrModels.Bundled, ModelRuntime(), Ocr, loggers.CreateLogger<PhotoTextReader>()) : null,
            LazyThreadSafetyMode.ExecutionAndPublication);
        _modelId = new Lazy<string>(() => ModelFingerprint.Of(_model.IsValueCreated ? _model.Value.Manifest : ModelManifest.Load(ModelPath, ModelVariant)));
    }

    /// <summary>How text in photos is read while indexing.</summary>
    public OcrOptions Ocr { get; }

    /// <summary>How near-duplicates are told, while indexing and when listed.</summary>
    public NearDuplicateOptions Duplicates { get; }

    /// <summary>The index's backend.</summary>
    public IIndexBackend Backend { get; }

    /// <summary>Where the index is.</summary>
    public string Root => Backend.Root;

    /// <summary>Whether an index has been built there.</summary>
    public bool HasIndex => Backend.HasIndex;

    /// <summary>The model folder: <see cref="ModelOptions.Path"/>, else <c>$RETRIEVAL_MODEL</c>, else the bundled default.</summary>
    public string ModelPath { get; }

    /// <summary>The graph variant asked for (<see cref="ModelOptions.Variant"/>), or null for the plain graphs.</summary>
    public string? ModelVariant => _modelOptions.Variant;

    /// <summary>Whether the model is the bundled random-weight one, whose results are noise.</summary>
    public bool ModelIsRandom => BundledModels.IsRandom(ModelPath);

    /// <summary>The model, loaded on first use.</summary>
    public ClipModel Model => _model.Value;

    /// <summary>The model's fingerprint, as indexes record it (read from its files, without loading the graphs).</summary>
    public string ModelId => _modelId.Value;

    /// <summary>How searches rank.</summary>
    public SearchOptions Search { get; }

    /// <summary>How index runs read and commit.</summary>
    public IndexingOptions Indexing { get; }

    /// <summary>How images are decoded.</summary>
    public ImagingOptions Imaging { get; }

    /// <summary>Decodes photos and uploads.</summary>
    public ImageDecoder Decoder { get; }

    /// <summary>The thumbnails of indexed photos.</summary>
    public ThumbnailCache Thumbnails { get; }

    /// <summary>Refuses to go on without an index.</summary>
    /// <exception cref="IndexNotFoundException">Nothing has been indexed yet.</exception>
    public void RequireIndex()
    {
        if (!HasIndex)
        {
            throw new IndexNotFoundException(Root);
        }
    }

    /// <summary>A read-only index for one caller, or null while nothing has been indexed.</summary>
    /// <exception cref="IndexUnavailableException">The index this engine served is gone (deleted, or being replaced).</exception>
    public ReaderLease? TryLease()
    {
        try
        {
            return _readers.Lease();
        }
        catch (IndexNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Refuses an index built with another model than the engine's.</summary>
    /// <exception cref="ModelMismatchException">It was.</exception>
    public void CheckModel(PhotoIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        IndexModelCheck.ForReading(index.Root, index.Catalog.ModelOf(EmbeddingCollections.Images), ModelId);
    }

    /// <summary>Refuses to serve the index if it was built with another model (nothing indexed yet passes).</summary>
    /// <exception cref="ModelMismatchException">It was.</exception>
    public void CheckModel()
    {
        using var lease = TryLease();
        if (lease is not null)
        {
            IndexModelCheck.ForReading(lease.Index.Root, Reading(lease, () => lease.Index.Catalog.ModelOf(EmbeddingCollections.Images)), ModelId);
        }
    }

    /// <summary>The ranked photos for <paramref name="input"/>: parsed, checked against the bounds, embedded, searched. Empty while nothing is indexed.</summary>
    /// <exception cref="QuerySyntaxException">The text cannot be read.</exception>
    /// <exception cref="InvalidInputException">Neither text nor image, or a parameter out of bounds.</exception>
    /// <exception cref="PhotoNotFoundException">The image is an indexed photo that does not exist.</exception>
    /// <exception cref="UnsupportedImageException">The image cannot be decoded.</exception>
    /// <exception cref="ModelMismatchException">The index was built with another model.</exception>
    public async Task<SearchResults> SearchAsync(SearchInput input, CancellationToken cancellationToken = default)
    {
        var request = Request(input);
        using var lease = TryLease();
        if (lease is null)
        {
            return new SearchResults([], 0, request.Mode);
        }

        return await ReadingAsync(lease, async () =>
        {
            if (request.Mode != SearchMode.Keyword || input.Image is not null)
            {
                CheckModel(lease.Index);
                request = request with
                {
                    TextVector = request.Mode == SearchMode.Keyword ? null : QueryVectors.ForText(Model, request.Query, cancellationToken),
                    ImageVector = input.Image is { } image ? await EmbedAsync(image, lease.Index, cancellationToken).ConfigureAwait(false) : null,
                };
            }

            return await new PhotoSearcher(lease.Index, Search).SearchAsync(request, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>Image to text: the <paramref name="k"/> (default <see cref="SearchOptions.DefaultCaptions"/>) captions in the index that best describe an image.</summary>
    /// <exception cref="InvalidInputException"><paramref name="k"/> is out of bounds.</exception>
    /// <exception cref="PhotoNotFoundException">The image is an indexed photo that does not exist.</exception>
    /// <exception cref="UnsupportedImageException">The image cannot be decoded.</exception>
    /// <exception cref="ModelMismatchException">The index was built with another model.</exception>
    public async Task<IReadOnlyList<CaptionHit>> CaptionAsync(ImageInput image, int? k, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        var count = k ?? Search.DefaultCaptions;
        SearchLimits.ValidateCount(count);
        using var lease = TryLease();
        if (lease is null)
        {
            return [];
        }

        return await ReadingAsync(lease, async () =>
        {
            CheckModel(lease.Index);
            var vector = await EmbedAsync(image, lease.Index, cancellationToken).ConfigureAwait(false);
            return await new PhotoSearcher(lease.Index, Search).CaptionsForImageAsync(vector, count, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>What the index knows of photo <paramref name="id"/>, or null when it has no such photo (a failed entry is none).</summary>
    public PhotoDetails? Photo(long id)
    {
        using var lease = TryLease();
        return lease is null ? null : Reading(lease, () => lease.Index.Catalog is var catalog && catalog.Photos([id]).GetValueOrDefault(id) is { Status: not PhotoStatus.Failed } photo
            ? new PhotoDetails(photo, catalog.TagsOf([id]).GetValueOrDefault(id) ?? [], catalog.TextOf([id]).GetValueOrDefault(id) ?? [])
            : null);
    }

    /// <summary>What the catalog holds of photo <paramref name="id"/>, without its tags (its path, for the file and its removal).</summary>
    /// <summary>Photo <paramref name="id"/> when it is one: a failed entry (a broken file, a refused link, a folder that could not be listed) is not shown.</summary>
    private PhotoSummary? Summary(long id)
    {
        using var lease = TryLease();
        return lease is null ? null : Reading(lease, () => lease.Index.Catalog.Photos([id]).GetValueOrDefault(id)) is { Status: not PhotoStatus.Failed } photo ? photo : null;
    }

    /// <summary>
    /// The file of photo <paramref name="id"/>, open, when it exists and the file opened lies inside the photo's indexed
    /// root (checked on the open handle, so a link swapped in meanwhile is refused); else null. Read it from the handle.
    /// </summary>
    public PhotoFile? OpenPhotoFile(long id)
    {
        if (Summary(id) is not { } photo || ContainedFile.Open(photo.Path, photo.Root) is not { } handle)
        {
            return null;
        }

        try
        {
            return new PhotoFile(photo.Path, handle, RandomAccess.GetLength(handle), File.GetLastWriteTimeUtc(handle));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The thumbnail of photo <paramref name="id"/> at the bucket that serves <paramref name="size"/> pixels: the cached
    /// file, or one made now (a few at a time, each decode within the memory budget); null when there is no such photo.
    /// When the caller already holds the version <paramref name="knownTag"/> names, nothing is read or made.
    /// </summary>
    /// <exception cref="UnsupportedImageException">The photo cannot be decoded.</exception>
    public Task<Thumbnail?> ThumbnailAsync(long id, int size, string? knownTag = null, CancellationToken cancellationToken = default) =>
        _thumbnails.GetAsync(id, size, knownTag, cancellationToken);

    /// <summary>What the index holds; with <paramref name="failures"/>, every failed file (<see cref="DuplicatesAsync"/> lists the duplicates).</summary>
    /// <exception cref="IndexNotFoundException">Nothing has been indexed yet.</exception>
    public IndexStatus Status(bool failures = false) => TryStatus(failures) ?? throw new IndexNotFoundException(Root);

    /// <summary>What the index holds (see <see cref="Status"/>), or null while nothing has been indexed.</summary>
    public IndexStatus? TryStatus(bool failures = false)
    {
        using var lease = TryLease();
        if (lease is null)
        {
            return null;
        }

        return Reading(lease, () =>
        {
            var catalog = lease.Index.Catalog;
            return new IndexStatus(Root, catalog.ModelOf(EmbeddingCollections.Images), catalog.Counts(), catalog.LastRun(),
                failures ? catalog.Failures() : null);
        });
    }

    /// <summary>
    /// Every photo that repeats another, by path: the exact duplicates and, with <paramref name="near"/>, the edited copies
    /// (a full pass over the pixel signatures) from <paramref name="minSimilarity"/> (default
    /// <see cref="NearDuplicateOptions.MinSimilarity"/>) up.
    /// </summary>
    /// <exception cref="InvalidInputException"><paramref name="minSimilarity"/> is outside -1 to 1, or NaN.</exception>
    /// <exception cref="IndexNotFoundException">Nothing has been indexed yet.</exception>
    public async Task<IReadOnlyList<DuplicatePhoto>> DuplicatesAsync(bool near, float? minSimilarity = null, CancellationToken cancellationToken = default)
    {
        var options = minSimilarity is { } threshold ? Duplicates with { MinSimilarity = NearDuplicateOptions.CheckMinSimilarity(threshold) } : Duplicates;
        using var lease = TryLease() ?? throw new IndexNotFoundException(Root);
        return await ReadingAsync(lease, () => LibraryDuplicates.FindAsync(lease.Index, options, near, cancellationToken)).ConfigureAwait(false);
    }

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
        return await WriteAsync(() => Backend.OpenForWriting(AnalyzerCollections.DeclaredBy(Analyzers()), reembed),
            index => Pipeline(index).RunAsync(folders, captions, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rescans every folder indexed so far.</summary>
    /// <exception cref="StoreLockedException">Another process writes the index.</exception>
    public Task<IndexRunCounts> RescanAsync(IProgress<IndexProgress>? progress, CancellationToken cancellationToken = default) =>
        WriteAsync(() => Backend.OpenForWriting(AnalyzerCollections.DeclaredBy(Analyzers()), reembed: false),
            index => Pipeline(index).RunAsync(index.Catalog.Roots(), null, progress, cancellationToken), cancellationToken);

    /// <summary>Forgets the photos at or under <paramref name="paths"/> (files or folders); returns how many. The files are not touched.</summary>
    /// <exception cref="IndexNotFoundException">Nothing has been indexed yet.</exception>
    /// <exception cref="StoreLockedException">Another process writes the index.</exception>
    public Task<int> RemoveAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken = default) =>
        WriteAsync(Backend.OpenForMaintenance, async index =>
        {
            var removed = await PhotoRemoval.RemoveAsync(index, paths, cancellationToken).ConfigureAwait(false);
            foreach (var id in removed)
            {
                Thumbnails.Forget(id);
            }

            return removed.Count;
        }, cancellationToken);

    /// <summary>Forgets photo <paramref name="id"/>; false when the index has no such photo.</summary>
    /// <exception cref="StoreLockedException">Another process writes the index.</exception>
    public async Task<bool> RemovePhotoAsync(long id, CancellationToken cancellationToken = default) =>
        Summary(id) is { } photo && await RemoveAsync([photo.Path], cancellationToken).ConfigureAwait(false) > 0;

    /// <summary>
    /// Retrieval quality by the standard protocol, on the photos of <paramref name="images"/> that
    /// <paramref name="captionsFile"/> describes (those <paramref name="splitFile"/> lists, when given), with this
    /// engine's model and search options, in a temporary index; with <paramref name="indexedCaptions"/> N, the first N
    /// captions of each photo are indexed with it and the others asked (see <see cref="RetrievalEvaluation.RunAsync"/>).
    /// </summary>
    /// <exception cref="InvalidInputException">A file cannot be read.</exception>
    public async Task<EvaluationReport> EvaluateAsync(string images, string captionsFile, string? splitFile, SearchMode mode, int indexedCaptions = 0, double? alpha = null,
        CancellationToken cancellationToken = default)
    {
        var captions = CaptionFile.Read(Path.GetFullPath(captionsFile));
        HashSet<string>? names = null;
        if (splitFile is not null)
        {
            try
            {
                names = (await File.ReadAllLinesAsync(splitFile, cancellationToken).ConfigureAwait(false)).Select(l => l.Trim()).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InvalidInputException(splitFile, $"Cannot read split file '{splitFile}': {e.Message}", e);
            }
        }

        var evaluation = new RetrievalEvaluation(Model, Indexing, Imaging, Search, _backends.At);
        return await evaluation.RunAsync(Path.GetFullPath(images), captions, names, mode, indexedCaptions, alpha, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Later reads open fresh index handles (after a write of this process's).</summary>
    public void Invalidate() => _readers.Invalidate();

    /// <inheritdoc />
    public void Dispose()
    {
        _readers.Dispose();
        if (_model.IsValueCreated)
        {
            _model.Value.Dispose();
        }

        if (_text.IsValueCreated)
        {
            _text.Value?.Dispose();
        }

        _writer.Dispose();
        _thumbnails.Dispose();
    }

    /// <summary>The search request <paramref name="input"/> describes, without vectors, checked against the bounds.</summary>
    private SearchRequest Request(SearchInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var parsed = QueryParser.Parse(input.Text);
        var query = parsed with { Filter = parsed.Filter.With(input.Filter), Sort = input.Sort ?? parsed.Sort };
        if (!query.HasText && input.Image is null)
        {
            throw new InvalidInputException("q", "give a text to search for, or an image to search by");
        }

        var similar = input.Image?.PhotoId;
        var request = new SearchRequest
        {
            Query = query,
            Mode = similar is not null ? SearchMode.Vector : input.Mode ?? (query.HasText ? SearchMode.Hybrid : SearchMode.Vector),
            K = input.K ?? Search.DefaultResults,
            Offset = input.Offset,
            Alpha = input.Alpha,
            MinScore = input.MinScore,
            Exclude = similar is { } id ? new HashSet<long> { id } : new HashSet<long>(),
        };
        SearchLimits.Validate(request);
        return request;
    }

    /// <summary>The image's embedding: decoded and encoded, or an indexed photo's stored vector.</summary>
    private async Task<float[]> EmbedAsync(ImageInput image, PhotoIndex index, CancellationToken cancellationToken)
    {
        if (image.PhotoId is { } id)
        {
            return index.Collection(EmbeddingCollections.Images) is { } images && await images.Vectors.GetVectorAsync(id, cancellationToken).ConfigureAwait(false) is { } stored
                ? stored
                : throw new PhotoNotFoundException(id);
        }

        if (image.FilePath is { } path)
        {
            return Model.EmbedImageFiles([path], Decoder, cancellationToken)[0];
        }

        // An upload: a tighter pixel budget than library photos, and its decoded pixels counted against what all requests may hold.
        return await _uploads.DecodeAsync(image.Bytes, image.Name ?? "upload", Model.Manifest.Preprocess.ShortestEdge,
            decoded => Model.EmbedDecoded(decoded, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a read of <paramref name="lease"/>'s index, turning a storage failure into its typed error (the index gone, or failing).</summary>
    private T Reading<T>(ReaderLease lease, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            throw StorageFailure(e, lease);
        }
    }

    private async Task<T> ReadingAsync<T>(ReaderLease lease, Func<Task<T>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            throw StorageFailure(e, lease);
        }
    }

    private static bool IsStorageFailure(Exception e) => e is IOException or System.Data.Common.DbException or UnauthorizedAccessException;

    /// <summary>The index gone from under <paramref name="lease"/>, else a damaged catalog file, else the storage failing.</summary>
    private RetrievalException StorageFailure(Exception e, ReaderLease lease) =>
        !_readers.IsCurrent(lease) ? new IndexUnavailableException(Root, e)
        : lease.Index.Catalog.DamageShownBy(e) ?? (RetrievalException)new IndexStorageException(Root, e);

    /// <summary>Runs <paramref name="write"/> on the index <paramref name="open"/> opens for writing, one writer of this process at a time.</summary>
    private async Task<T> WriteAsync<T>(Func<PhotoIndex> open, Func<PhotoIndex, Task<T>> write, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var index = open();
            return await write(index).ConfigureAwait(false);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            throw new IndexStorageException(Root, e);
        }
        finally
        {
            Invalidate();
            _writer.Release();
        }
    }

    /// <summary>The pipeline that indexes into <paramref name="index"/> with every registered analyzer.</summary>
    private IndexingPipeline Pipeline(PhotoIndex index) => new(index, Analyzers(), Indexing, Imaging);

    /// <summary>Every analyzer, in the order they run: the standard ones, then those registered in the container (<see cref="IPhotoAnalyzer"/>).</summary>
    private List<IPhotoAnalyzer> Analyzers() => [.. StandardAnalyzers.For(Model, Indexing, _text.Value, Duplicates), .. _registered];

    private ClipModel LoadModel() => ClipModel.Load(ModelRuntime(), _loggers.CreateLogger<ClipModel>());

    /// <summary>The model options, whole, with the resolved folder: where and how every graph runs (the OCR models' too).</summary>
    private ModelOptions ModelRuntime() => _modelOptions with { Path = ModelPath };
}

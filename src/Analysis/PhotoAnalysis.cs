using Retrieval.Catalog;
using Retrieval.Imaging;

namespace Retrieval.Analysis;

/// <summary>
/// One pending photo on its way through an index run: what was read (its file, metadata, captions and, when analyzers
/// need pixels, its decoded image — both only while it is read), and what the analyzers found, to be committed together:
/// vectors by collection, tags, keyword fields, catalog rows and tallies. Or why it could not be read.
/// </summary>
public sealed class PhotoAnalysis : IDisposable
{
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<ItemVector>> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<TagText>> _tags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> _fields = new(StringComparer.Ordinal);
    private readonly List<Action<ICatalog, long>> _records = [];
    private readonly Dictionary<string, int> _tallies = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, object> _passed = [];

    /// <summary>A photo to read: <paramref name="job"/> from the catalog.</summary>
    public PhotoAnalysis(KnownFile job) => Job = job;

    /// <summary>The photo as the catalog knows it: id, path, root, what it still needs.</summary>
    public KnownFile Job { get; }

    /// <summary>The photo's id in the catalog (the id of its one-per-photo vectors).</summary>
    public long Id => Job.Id;

    /// <summary>What its metadata says; null when it was not read (a keywords-only update, or a failure).</summary>
    public PhotoMetadata? Metadata { get; internal set; }

    /// <summary>Its captions, from every source (embedded, sidecar, imported), each text once.</summary>
    public IReadOnlyList<CaptionText> Captions { get; internal set; } = [];

    /// <summary>The file's bytes, while it is read; empty before and after.</summary>
    public ReadOnlyMemory<byte> File { get; internal set; }

    /// <summary>The upright decoded photo, at least as large as the analyzers asked, while it is read; null when none needed pixels.</summary>
    public RgbaImage? Image { get; internal set; }

    /// <summary>Why it could not be read or analysed; null when it was.</summary>
    public string? Failure { get; internal set; }

    /// <summary>Whether the file was read for its content (not a keywords-only update).</summary>
    public bool HasContent => Metadata is not null && Failure is null;

    /// <summary>What ffprobe said of it, when it is a video being read; null for a photo.</summary>
    public Video.VideoInfo? Video { get; internal set; }

    /// <summary>Whether its pixels were analysed (its bytes were new or changed, or it was caught up).</summary>
    public bool PixelsAnalysed { get; internal set; }

    /// <summary>Its vector in one-per-photo collection <paramref name="collection"/>.</summary>
    public void SetVector(CollectionKind collection, float[] vector)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(vector);
        Require(collection, onePerPhoto: true);
        _vectors[collection.Name] = vector;
    }

    /// <summary>Its vector in one-per-photo collection <paramref name="collection"/> (by name), when an analyzer made one.</summary>
    public float[]? VectorOf(string collection) => _vectors.GetValueOrDefault(collection);

    /// <summary>Its vectors in many-per-photo collection <paramref name="collection"/>, replacing those it had (none: it has none now).</summary>
    public void SetItems(CollectionKind collection, IReadOnlyList<ItemVector> items)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(items);
        Require(collection, onePerPhoto: false);
        _items[collection.Name] = items;
    }

    /// <summary>Its tags of <paramref name="source"/>, replacing those it had (searchable as tags, shown with the photo).</summary>
    public void SetTags(string source, IReadOnlyList<TagText> tags)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(tags);
        _tags[source] = tags;
    }

    /// <summary>Its values of keyword field <paramref name="field"/>, replacing those it had: searchable words (a colour, a place).</summary>
    public void SetField(string field, IReadOnlyList<string> values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        ArgumentNullException.ThrowIfNull(values);
        _fields[field] = values;
    }

    /// <summary>Rows of the analyzer's own to write in the catalog, in the transaction that records the photo (given the photo's id).</summary>
    public void Record(Action<ICatalog, long> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        _records.Add(write);
    }

    /// <summary>Adds <paramref name="count"/> to the run's tally of <paramref name="name"/> (captions embedded, photos with text, ...).</summary>
    public void Tally(string name, int count = 1) => _tallies[name] = _tallies.GetValueOrDefault(name) + count;

    /// <summary>Leaves <paramref name="value"/> for a later analyzer of the same stage (the one before it in registration order).</summary>
    public void Pass<T>(T value)
        where T : notnull => _passed[typeof(T)] = value;

    /// <summary>What an earlier analyzer left of type <typeparamref name="T"/>, or null.</summary>
    public T? Get<T>()
        where T : class => _passed.GetValueOrDefault(typeof(T)) as T;

    /// <summary>
    /// What an analysis of a few of this video's frames has found so far (<see cref="IPhotoAnalyzer.ReadFrame"/> adds, then
    /// <see cref="IPhotoAnalyzer.Read"/> takes them), begun at the first call for at most <paramref name="most"/> frames.
    /// </summary>
    public FrameFindings<T> FindingsInFrames<T>(int most)
    {
        if (Get<FrameFindings<T>>() is not { } findings)
        {
            findings = new FrameFindings<T>(most);
            Pass(findings);
        }

        return findings;
    }

    /// <summary>Forgets what analyzers passed along (returning pooled inputs they hold).</summary>
    public void Dispose()
    {
        foreach (var value in _passed.Values.OfType<IDisposable>())
        {
            value.Dispose();
        }

        _passed.Clear();
    }

    /// <summary>The one-per-photo vectors, by collection.</summary>
    internal IReadOnlyDictionary<string, float[]> Vectors => _vectors;

    /// <summary>The many-per-photo vectors, by collection.</summary>
    internal IReadOnlyDictionary<string, IReadOnlyList<ItemVector>> Items => _items;

    /// <summary>The tags, by source.</summary>
    internal IReadOnlyDictionary<string, IReadOnlyList<TagText>> Tags => _tags;

    /// <summary>The keyword fields.</summary>
    internal IReadOnlyDictionary<string, IReadOnlyList<string>> Fields => _fields;

    /// <summary>The catalog rows to write.</summary>
    internal IReadOnlyList<Action<ICatalog, long>> Records => _records;

    /// <summary>The tallies.</summary>
    internal IReadOnlyDictionary<string, int> Tallies => _tallies;

    private static void Require(CollectionKind collection, bool onePerPhoto)
    {
        if (collection.OnePerPhoto != onePerPhoto)
        {
            throw new ArgumentException($"collection '{collection}' holds {(collection.OnePerPhoto ? "one vector per photo" : "many vectors per photo")}", nameof(collection));
        }
    }
}

using System.Numerics.Tensors;

namespace Retrieval.Benchmarks.Vectors;

/// <summary>
/// The churn benchmark's library: which photos exist and the caption ids of each, changed as index runs change them,
/// written to the stores as the indexer writes them. Every vector is made from its id, so a fresh build of the same
/// library holds the same vectors.
/// </summary>
internal sealed class ChurnLibrary
{
    public const int CaptionsPerPhoto = 5;

    /// <summary>Photos per commit: the indexer's chunk (<c>IndexingOptions.CommitEvery</c>).</summary>
    public const int CommitEvery = 256;

    /// <summary>The share of photos re-captioned each run, and again the share removed and re-added.</summary>
    public const double ChangedShare = 0.10;

    public const ulong QuerySalt = 3;
    private const ulong ImageSalt = 1;
    private const ulong CaptionSalt = 2;
    private const int Dimension = 512;

    private readonly List<long> _photos;
    private readonly Dictionary<long, long[]> _captions = [];
    private long _nextPhoto;
    private long _nextCaption;

    public ChurnLibrary(int photos)
    {
        _photos = new List<long>(photos);
        for (var i = 0; i < photos; i++)
        {
            AddPhoto();
        }
    }

    /// <summary>Creates the two collections in <paramref name="folder"/> and writes every photo of <paramref name="library"/>, a chunk a commit.</summary>
    public static async Task<ChurnStores> BuildAsync(string folder, ChurnLibrary library)
    {
        var stores = ChurnStores.Create(folder, Dimension);
        foreach (var chunk in library._photos.Chunk(CommitEvery))
        {
            await library.WriteAsync(stores, chunk, chunk, []);
        }

        return stores;
    }

    /// <summary>
    /// One index run: the removed photos' vectors go first, in one commit per collection (the run's queued removals);
    /// then the re-captioned photos and the ones added back, a chunk a commit, each chunk's replaced captions deleted.
    /// </summary>
    public async Task ChangeAsync(ChurnStores stores, int round)
    {
        var order = _photos.ToArray();
        new Random(round).Shuffle(order);
        var count = (int)(order.Length * ChangedShare);
        var recaptioned = order[..count];
        var removed = order[count..(2 * count)];

        var gone = removed.ToHashSet();
        _photos.RemoveAll(gone.Contains);
        await stores.Images.DeleteAsync(removed);
        await stores.Captions.DeleteAsync([.. removed.SelectMany(photo => _captions[photo])]);
        foreach (var photo in removed)
        {
            _captions.Remove(photo);
        }

        var added = removed.Select(_ => AddPhoto()).ToHashSet();
        foreach (var chunk in recaptioned.Concat(added).Chunk(CommitEvery))
        {
            var replaced = new List<long>();
            foreach (var photo in chunk.Where(p => !added.Contains(p)))
            {
                replaced.AddRange(_captions[photo]);
                _captions[photo] = NewCaptions();
            }

            await WriteAsync(stores, [.. chunk.Where(added.Contains)], chunk, replaced);
        }
    }

    /// <summary><paramref name="count"/> unit vectors, made from ids <paramref name="first"/> on under <paramref name="salt"/>.</summary>
    public static float[] Vectors(ulong salt, long first, int count) => Vectors(salt, [.. Enumerable.Range(0, count).Select(i => first + i)]);

    private static float[] Vectors(ulong salt, IReadOnlyList<long> ids)
    {
        var vectors = new float[ids.Count * Dimension];
        for (var i = 0; i < ids.Count; i++)
        {
            // SplitMix64 seeded by the id: the same id always gets the same vector, and fast enough for millions.
            var state = ((ulong)ids[i] * 0x9E3779B97F4A7C15UL) ^ (salt * 0xD1B54A32D192ED03UL);
            var row = vectors.AsSpan(i * Dimension, Dimension);
            for (var j = 0; j < row.Length; j++)
            {
                state += 0x9E3779B97F4A7C15UL;
                var z = (state ^ (state >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                row[j] = ((z ^ (z >> 31)) >> 40) / (float)(1 << 23) - 1f;
            }

            TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
        }

        return vectors;
    }

    /// <summary>One chunk's commits: <paramref name="replacedCaptions"/> deleted, then the new photos' image vectors and the <paramref name="captioned"/> photos' caption vectors written.</summary>
    private async Task WriteAsync(ChurnStores stores, long[] newPhotos, long[] captioned, List<long> replacedCaptions)
    {
        if (replacedCaptions.Count > 0)
        {
            await stores.Captions.DeleteAsync(replacedCaptions);
        }

        var captionIds = captioned.SelectMany(photo => _captions[photo]).ToList();
        if (newPhotos.Length > 0)
        {
            await stores.Images.UpsertAsync(newPhotos, Vectors(ImageSalt, newPhotos));
        }

        await stores.Captions.UpsertAsync(captionIds, Vectors(CaptionSalt, captionIds));
    }

    private long AddPhoto()
    {
        var id = _nextPhoto++;
        _photos.Add(id);
        _captions[id] = NewCaptions();
        return id;
    }

    private long[] NewCaptions() => [.. Enumerable.Range(0, CaptionsPerPhoto).Select(_ => _nextCaption++)];
}

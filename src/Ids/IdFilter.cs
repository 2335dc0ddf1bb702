namespace Retrieval.Ids;

/// <summary>
/// Which ids a search may return, as a description any engine can turn into its own filter: a set of allowed
/// ids (none: every id) less a set of excluded ones. The local store compiles it into a bitmap applied inside the
/// scan (its IdBitmap); a remote engine into a server-side id filter. Every store takes it, so it belongs to none of them.
/// </summary>
public sealed class IdFilter
{
    private static readonly HashSet<long> NoIds = [];

    private IdFilter(IReadOnlySet<long>? allowed, IReadOnlySet<long> excluded) => (Allowed, Excluded) = (allowed, excluded);

    /// <summary>The ids that may be returned; null allows every id.</summary>
    public IReadOnlySet<long>? Allowed { get; }

    /// <summary>The ids never to return.</summary>
    public IReadOnlySet<long> Excluded { get; }

    /// <summary>A filter allowing exactly <paramref name="ids"/>.</summary>
    public static IdFilter Allow(IEnumerable<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return new IdFilter(ids.ToHashSet(), NoIds);
    }

    /// <summary>A filter allowing every id but <paramref name="ids"/>.</summary>
    public static IdFilter Exclude(IEnumerable<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return new IdFilter(null, ids.ToHashSet());
    }

    /// <summary>This filter, also leaving out <paramref name="ids"/>.</summary>
    public IdFilter Excluding(IEnumerable<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var excluded = Excluded.ToHashSet();
        excluded.UnionWith(ids);
        return new IdFilter(Allowed, excluded);
    }

    /// <summary>Whether <paramref name="id"/> may be returned.</summary>
    public bool Contains(long id) => (Allowed is null || Allowed.Contains(id)) && !Excluded.Contains(id);
}

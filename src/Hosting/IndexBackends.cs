using Microsoft.Extensions.Options;
using Retrieval.Backends;
using Retrieval.Backends.Local;
using Retrieval.Vectors;

namespace Retrieval.Hosting;

/// <summary>Makes the backend <see cref="IndexOptions.Backend"/> names for an index root: the one place a concrete backend is chosen.</summary>
public sealed class IndexBackends(IOptions<IndexOptions> index, IOptions<VectorStoreOptions> vectors)
{
    /// <summary>The configured index root: <see cref="IndexOptions.Root"/>, else <c>$RETRIEVAL_DB</c>, else the user's data folder.</summary>
    public string ConfiguredRoot => index.Value.Root is { Length: > 0 } root ? Path.GetFullPath(root) : IndexPaths.Default().Root;

    /// <summary>The backend of the index in <paramref name="root"/>.</summary>
    public IIndexBackend At(string root) => index.Value.Backend.ToUpperInvariant() switch
    {
        "LOCAL" => new LocalIndexBackend(new IndexPaths(Path.GetFullPath(root)), vectors.Value),
        var other => throw new InvalidOperationException($"Retrieval:Index:Backend '{other}' is not a backend this engine has"),
    };
}

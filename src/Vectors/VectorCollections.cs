using System.Text.RegularExpressions;

namespace Retrieval.Vectors;

/// <summary>
/// Named collections under one root folder, one <see cref="VectorStore"/> folder each (for example "images"
/// and "captions"), each with its own dimension and model id.
/// </summary>
public sealed partial class VectorCollections
{
    private readonly string _root;
    private readonly VectorStoreOptions _options;

    /// <summary>Collections under <paramref name="root"/> (created when first needed).</summary>
    public VectorCollections(string root, VectorStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.GetFullPath(root);
        _options = options ?? new VectorStoreOptions();
    }

    /// <summary>The collections that exist, by name.</summary>
    public IReadOnlyList<string> Names => Directory.Exists(_root)
        ? [.. Directory.EnumerateDirectories(_root)
            .Where(d => File.Exists(Path.Combine(d, StoreFileNames.Manifest)))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
        : [];

    /// <summary>Opens collection <paramref name="name"/>, creating it empty when absent; refuses one made for another dimension or model.</summary>
    public VectorStore OpenOrCreate(string name, int dimension, string modelId) =>
        VectorStore.OpenOrCreate(PathOf(name), dimension, modelId, _options);

    /// <summary>Opens an existing collection for writing (one process at a time).</summary>
    public VectorStore Open(string name) => VectorStore.Open(PathOf(name), _options);

    /// <summary>Opens an existing collection to read while a writer may change it.</summary>
    public VectorStore OpenReadOnly(string name) => VectorStore.OpenReadOnly(PathOf(name), _options);

    /// <summary>
    /// Removes a collection and its files (it must not be open). The manifest goes first, so a deletion cut short
    /// by a crash leaves no collection at all, only files the next <see cref="OpenOrCreate"/> clears away.
    /// </summary>
    public void Delete(string name)
    {
        var path = PathOf(name);
        if (Directory.Exists(path))
        {
            File.Delete(Path.Combine(path, StoreFileNames.Manifest));
            Files.DirectorySync.Flush(path);
            Directory.Delete(path, recursive: true);
        }
    }


    private string PathOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ValidName().IsMatch(name)
            ? Path.Combine(_root, name)
            : throw new ArgumentException($"collection name '{name}' must be 1 to 64 letters, digits, '-' or '_'", nameof(name));
    }

    // Names become folder names: no separators, no dots, nothing a shell or another OS would mangle.
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ValidName();
}

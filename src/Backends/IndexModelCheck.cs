using Retrieval.Catalog;
using Retrieval.Errors;

namespace Retrieval.Backends;

/// <summary>
/// The rule that keeps an index's vectors and its queries in one space, written once: an index answers only with
/// the model it was built with, and takes another only when told to embed everything again.
/// </summary>
public static class IndexModelCheck
{
    /// <summary>Refuses to read the index at <paramref name="root"/>, built with <paramref name="indexed"/>, with <paramref name="model"/>.</summary>
    /// <exception cref="ModelMismatchException">The index was built with another model.</exception>
    public static void ForReading(string root, string? indexed, string model)
    {
        if (indexed is not null && indexed != model)
        {
            throw new ModelMismatchException(root, indexed, model,
                "use the model it was built with (--model, or Retrieval:Model:Path), or embed it again with `retrieval index --reembed`");
        }
    }

    /// <summary>
    /// Which of <paramref name="collections"/> are embedded again when the index at <paramref name="root"/> is opened to
    /// write them (<paramref name="indexed"/> gives the model each holds, null when none yet): with
    /// <paramref name="reembed"/>, those whose model changed — each collection has its own, so a second model (faces)
    /// is replaced without touching the main one's vectors — or, when none changed, every one (embed everything again).
    /// </summary>
    /// <exception cref="ModelMismatchException">A collection holds another model's vectors and <paramref name="reembed"/> is false.</exception>
    public static HashSet<string> Reembedded(string root, IReadOnlyList<CollectionKind> collections, Func<string, string?> indexed, bool reembed)
    {
        ArgumentNullException.ThrowIfNull(collections);
        ArgumentNullException.ThrowIfNull(indexed);
        var changed = collections.Where(c => indexed(c.Name) is { } model && model != c.ModelId).ToList();
        if (changed.Count > 0 && !reembed)
        {
            var first = changed[0];
            throw new ModelMismatchException(root, indexed(first.Name)!, first.ModelId,
                $"use that model for its '{first.Name}' vectors, or pass --reembed to embed them again with this one (captions and keywords are kept)");
        }

        return reembed ? [.. (changed.Count > 0 ? changed : collections).Select(c => c.Name)] : [];
    }
}

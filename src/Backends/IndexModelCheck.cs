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
    /// Refuses to write <paramref name="model"/>'s vectors into a collection of the index at <paramref name="root"/> made
    /// with <paramref name="indexed"/> (null: nothing yet), unless <paramref name="reembed"/> (its vectors are made again).
    /// </summary>
    /// <exception cref="ModelMismatchException">The collection holds another model's vectors and <paramref name="reembed"/> is false.</exception>
    public static void ForWriting(string root, string? indexed, string model, bool reembed)
    {
        if (indexed is not null && indexed != model && !reembed)
        {
            throw new ModelMismatchException(root, indexed, model,
                "use the same model, or pass --reembed to embed every photo again with this one (captions and keywords are kept)");
        }
    }
}

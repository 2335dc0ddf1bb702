namespace Retrieval.Vectors.Files;

/// <summary>How a store opens its column files.</summary>
internal enum ColumnAccess
{
    /// <summary>Read and write; the file is created when missing (a new segment).</summary>
    Create,

    /// <summary>Read and write an existing file.</summary>
    Write,

    /// <summary>Read only: a reader never changes a file.</summary>
    Read,
}

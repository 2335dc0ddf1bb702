namespace Retrieval.Hosting;

/// <summary>An image to search by or to describe: a file, bytes held in memory (an upload), or an indexed photo.</summary>
public sealed record ImageInput
{
    private ImageInput()
    {
    }

    /// <summary>A file on disk.</summary>
    public string? FilePath { get; private init; }

    /// <summary>Encoded bytes (an upload).</summary>
    public ReadOnlyMemory<byte> Bytes { get; private init; }

    /// <summary>The name <see cref="Bytes"/> go by in errors.</summary>
    public string? Name { get; private init; }

    /// <summary>An indexed photo, by id: its stored vector is used, nothing is decoded.</summary>
    public long? PhotoId { get; private init; }

    /// <summary>The image in the file at <paramref name="path"/>.</summary>
    public static ImageInput FromFile(string path) => new() { FilePath = Path.GetFullPath(path) };

    /// <summary>The image encoded in <paramref name="bytes"/>, named <paramref name="name"/> in errors.</summary>
    public static ImageInput FromBytes(ReadOnlyMemory<byte> bytes, string name) => new() { Bytes = bytes, Name = name };

    /// <summary>The indexed photo <paramref name="id"/>.</summary>
    public static ImageInput FromPhoto(long id) => new() { PhotoId = id };
}

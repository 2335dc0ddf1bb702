namespace Retrieval.Testing;

/// <summary>
/// The damage an index's files suffer at rest — a failed copy, a disk that drops or garbles blocks — done to the index
/// in a folder. Each returns the file it damaged, which every refusal must name.
/// </summary>
public static class IndexDamage
{
    /// <summary>Each kind of damage by name, for tests that try them all.</summary>
    public static IReadOnlyDictionary<string, Func<string, string>> All { get; } = new Dictionary<string, Func<string, string>>
    {
        ["a keyword file cut short"] = CutKeywordFile,
        ["garbage catalog pages"] = GarbleCatalogPages,
        ["garbage rows that still parse"] = GarbleRows,
        ["an empty catalog"] = EmptyCatalog,
        ["a vector file of random data"] = RandomizeVectorFile,
    };

    /// <summary>The largest file of the keyword index cut to half its length.</summary>
    public static string CutKeywordFile(string index)
    {
        var largest = new DirectoryInfo(Path.Combine(index, "keywords")).GetFiles().MaxBy(f => f.Length)!;
        using var file = largest.OpenWrite();
        file.SetLength(file.Length / 2);
        return largest.FullName;
    }

    /// <summary>
    /// Every catalog page after the first (which holds the header and the schema's root) overwritten with random bytes;
    /// the catalog must have been checkpointed, so its pages are in the file rather than its WAL.
    /// </summary>
    public static string GarbleCatalogPages(string index)
    {
        var catalog = Path.Combine(index, "catalog.db");
        var bytes = File.ReadAllBytes(catalog);
        if (bytes.Length <= 8192)
        {
            throw new InvalidOperationException($"the catalog is {bytes.Length} bytes: its pages are not in the file (checkpoint it first)");
        }

        new Random(11).NextBytes(bytes.AsSpan(4096));
        File.WriteAllBytes(catalog, bytes);
        return catalog;
    }

    /// <summary>
    /// The second half of the photos table's first page overwritten with random bytes: its cells' content, past the
    /// page header and cell pointers, so SQLite still parses the page and reads garbage as rows unless it checks.
    /// </summary>
    public static string GarbleRows(string index)
    {
        var catalog = Path.Combine(index, "catalog.db");
        long page, size;
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={catalog};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT rootpage FROM sqlite_master WHERE name = 'photos'";
            page = (long)command.ExecuteScalar()!;
            command.CommandText = "PRAGMA page_size";
            size = (long)command.ExecuteScalar()!;
        }

        var garbage = new byte[size / 2];
        new Random(13).NextBytes(garbage);
        using var file = File.OpenWrite(catalog);
        file.Position = ((page - 1) * size) + (size / 2);
        file.Write(garbage);
        return catalog;
    }

    /// <summary>The catalog emptied to zero bytes, the rest of the index left as it is.</summary>
    public static string EmptyCatalog(string index)
    {
        var catalog = Path.Combine(index, "catalog.db");
        File.WriteAllBytes(catalog, []);
        return catalog;
    }

    /// <summary>The photos' float32 vector file overwritten with as many random bytes.</summary>
    public static string RandomizeVectorFile(string index)
    {
        var floats = Directory.GetFiles(Path.Combine(index, "vectors", "images"), "*.f32").Single();
        var garbage = new byte[new FileInfo(floats).Length];
        new Random(12).NextBytes(garbage);
        File.WriteAllBytes(floats, garbage);
        return floats;
    }
}

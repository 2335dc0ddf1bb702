using Microsoft.Data.Sqlite;
using Retrieval.Errors;

namespace Retrieval.Catalog;

/// <summary>
/// Which SQLite failures mean the catalog's file itself is damaged rather than the disk failing under it: SQLite
/// says so (SQLITE_CORRUPT: a page that is not what its parent says it is) or finds no database at all (SQLITE_NOTADB:
/// garbage where the header should be). Anything else stays a storage failure, which a retry may outlive.
/// </summary>
internal static class CatalogDamage
{
    private const int Corrupt = 11;
    private const int NotADatabase = 26;

    /// <summary>The damage <paramref name="failure"/> shows in the catalog at <paramref name="path"/>, or null when it shows none.</summary>
    public static IndexDamagedException? Of(string path, Exception failure) =>
        failure is SqliteException { SqliteErrorCode: Corrupt or NotADatabase } sqlite
            ? new IndexDamagedException(path, $"SQLite cannot read it ({sqlite.Message})", sqlite)
            : null;
}

using System.Globalization;
using Microsoft.Data.Sqlite;
using Retrieval.Errors;

namespace Retrieval.Catalog;

/// <summary>
/// The catalog: one SQLite file (WAL, so readers never wait for the writer) that is the source of truth of
/// an index — every photo found, its metadata, captions and tags, and what the vector and keyword stores
/// still owe it. One connection; not thread-safe (the indexer's committer and each search own their own).
/// </summary>
public sealed partial class CatalogDb : ICatalog
{
    private readonly SqliteConnection _connection;

    private CatalogDb(SqliteConnection connection, string path, bool readOnly)
    {
        _connection = connection;
        Path = path;
        IsReadOnly = readOnly;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Whether this connection only reads.</summary>
    public bool IsReadOnly { get; }

    /// <summary>
    /// Opens (creating and migrating, unless <paramref name="readOnly"/>) the catalog at <paramref name="path"/>.
    /// </summary>
    /// <exception cref="CatalogSchemaException">The file is not a catalog, or a newer engine wrote it.</exception>
    public static CatalogDb Open(string path, bool readOnly = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        if (readOnly && !File.Exists(full))
        {
            throw new CatalogSchemaException(full, "the file does not exist (nothing has been indexed here yet)", nothingIndexed: true);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            var catalog = new CatalogDb(connection, full, readOnly);
            catalog.Execute("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;");
            if (!readOnly)
            {
                // WAL: the indexer commits while searches read; NORMAL sync is durable at every checkpoint and
                // atomic always, which the reconciliation on the next run relies on, not on every commit surviving.
                catalog.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
            }

            catalog.Migrate();
            CatalogIntegrity.Verify(full, () => catalog.Scalar("PRAGMA quick_check(1)") as string);
            return catalog;
        }
        catch (SqliteException e) when (CatalogDamage.Of(full, e) is { } damage)
        {
            connection.Dispose();
            throw damage;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new CatalogSchemaException(full, $"cannot be opened as a catalog ({e.Message})");
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A value of the catalog's own settings (the model the vectors were made with, ...), or null.</summary>
    public string? GetMeta(string key) =>
        Scalar("SELECT value FROM meta WHERE key = $key", ("$key", key)) as string;

    /// <summary>Sets a value of the catalog's own settings.</summary>
    public void SetMeta(string key, string value) =>
        Execute("INSERT INTO meta (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value", ("$key", key), ("$value", value));

    /// <inheritdoc />
    public IndexDamagedException? DamageShownBy(Exception failure) => CatalogDamage.Of(Path, failure);

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private void Migrate()
    {
        var version = Convert.ToInt32(Scalar("PRAGMA user_version"), CultureInfo.InvariantCulture);
        if (version > CatalogSchema.CurrentVersion)
        {
            throw new CatalogSchemaException(Path,
                $"schema version {version} was written by a newer version of the engine (this one knows up to {CatalogSchema.CurrentVersion}); upgrade it");
        }

        if (version == 0 && IsReadOnly)
        {
            // No schema at all: an indexer created the file this moment and has not written it yet.
            throw new CatalogSchemaException(Path, "nothing has been indexed here yet (an indexer is creating the catalog)", nothingIndexed: true);
        }

        if (version < CatalogSchema.CurrentVersion && IsReadOnly)
        {
            throw new CatalogSchemaException(Path, $"schema version {version} is older than {CatalogSchema.CurrentVersion}; run `retrieval index` once to upgrade it");
        }

        if (version == CatalogSchema.CurrentVersion)
        {
            return;
        }

        // Every step in one transaction: a reader opening the catalog meanwhile (the server's status while its
        // first indexing creates the file) sees no schema or the current one, never a version between.
        using var transaction = _connection.BeginTransaction();
        for (; version < CatalogSchema.CurrentVersion; version++)
        {
            Execute(CatalogSchema.Migrations[version]);
        }

        Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {version}"));
        transaction.Commit();
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    private object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>The ids <paramref name="sql"/> selects (its first column).</summary>
    private List<long> Ids(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}

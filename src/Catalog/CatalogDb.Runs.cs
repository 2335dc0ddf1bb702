using System.Globalization;

namespace Retrieval.Catalog;

/// <summary>The history of index runs: when each started and ended, and what it found and did.</summary>
public sealed partial class CatalogDb
{
    /// <summary>Starts the record of a run over <paramref name="roots"/>; returns its id.</summary>
    public long StartRun(IReadOnlyList<string> roots) =>
        Convert.ToInt64(Scalar("INSERT INTO index_runs (started_at, roots) VALUES ($now, $roots) RETURNING id",
            ("$now", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)), ("$roots", string.Join('\n', roots))), CultureInfo.InvariantCulture);

    /// <summary>Ends the record of run <paramref name="id"/> with its totals.</summary>
    public void FinishRun(long id, IndexRunCounts counts, string outcome)
    {
        ArgumentNullException.ThrowIfNull(counts);
        Execute("""
            UPDATE index_runs SET finished_at = $now, found = $found, added = $added, changed = $changed, moved = $moved,
                removed = $removed, duplicates = $duplicates, failed = $failed, embedded = $embedded, outcome = $outcome
            WHERE id = $id
            """, ("$id", id), ("$now", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)), ("$found", counts.Found), ("$added", counts.Added),
            ("$changed", counts.Changed), ("$moved", counts.Moved), ("$removed", counts.Removed), ("$duplicates", counts.Duplicates),
            ("$failed", counts.Failed), ("$embedded", counts.Embedded), ("$outcome", outcome));
    }

    /// <summary>The last run's start, end (null while it runs or if it was killed) and outcome.</summary>
    public (string Started, string? Finished, string? Outcome)? LastRun()
    {
        using var command = Command("SELECT started_at, finished_at, outcome FROM index_runs ORDER BY id DESC LIMIT 1");
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)) : null;
    }
}

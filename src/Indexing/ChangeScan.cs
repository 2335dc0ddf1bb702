using Retrieval.Catalog;

namespace Retrieval.Indexing;

/// <summary>
/// Compares what the walk found under the roots with what the catalog knows, and records the difference in
/// the catalog (the other stores follow from it): new files; changed ones (size or time differ, confirmed by
/// the content hash); moved or renamed ones (a vanished photo's hash at a new path: the row follows the file,
/// nothing is embedded again); exact duplicates of a live photo; failures; photos whose files are gone; and
/// photos whose sidecar caption file appeared, changed or went (their captions are read again); and the files of one
/// shot (a RAW beside its JPEG), of which one is the photo (<see cref="CompanionFiles"/>).
/// </summary>
internal sealed class ChangeScan(ICatalog catalog, IReadOnlyList<string> roots, int threads, IProgress<IndexProgress>? progress)
{
    public void Run(IndexRunCounts counts, CancellationToken cancellationToken)
    {
        var known = catalog.KnownFiles();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var toHash = new List<(FoundFile File, KnownFile? Known)>();
        var sidecarOnly = new List<(FoundFile File, KnownFile Known)>();
        var failures = new List<(FoundFile File, KnownFile? Known, string Reason)>();
        foreach (var root in roots)
        {
            foreach (var entry in PhotoWalker.Walk(root, cancellationToken))
            {
                if (!seen.Add(entry.File.Path))
                {
                    continue; // the same file under two overlapping roots
                }

                counts.Found++;
                known.TryGetValue(entry.File.Path, out var before);
                if (entry.Failure is not null)
                {
                    if (before is null || before.Status != PhotoStatus.Failed || before.Size != entry.File.Size || before.ModifiedTicks != entry.File.ModifiedTicks)
                    {
                        failures.Add((entry.File, before, entry.Failure));
                    }
                }
                else if (before is null || before.Size != entry.File.Size || before.ModifiedTicks != entry.File.ModifiedTicks
                    || (before.Status == PhotoStatus.Failed && before.Hash is null))
                {
                    toHash.Add((entry.File, before));
                }
                else if (before.SidecarTicks != entry.File.SidecarTicks && before.Status is PhotoStatus.Indexed or PhotoStatus.Pending)
                {
                    sidecarOnly.Add((entry.File, before)); // the photo is as it was; its caption file is not
                }

                if (counts.Found % 1000 == 0)
                {
                    progress?.Report(new IndexProgress(IndexPhase.Scanning, counts.Found, 0, 0, counts.Failed));
                }
            }
        }

        var hashes = Hash(toHash, failures, cancellationToken);
        var missing = known.Values.Where(k => !seen.Contains(k.Path) && UnderRoots(k.Path)).ToList();
        catalog.InTransaction(() =>
        {
            foreach (var (file, before) in sidecarOnly)
            {
                catalog.Touch(before.Id, file, sidecarChanged: true);
                counts.Changed++;
            }

            Record(known, hashes, failures, missing, counts);
            // Pairs are decided on what the catalog now holds, so a file that arrived, moved or went beside its other
            // half is paired (or freed) in the same transaction that recorded it.
            counts.Companions += CompanionFiles.Pair(catalog, catalog.KnownFiles().Values.Where(k => UnderRoots(k.Path)));
        });
        progress?.Report(new IndexProgress(IndexPhase.Scanning, counts.Found, 0, 0, counts.Failed));
    }

    private List<(FoundFile File, KnownFile? Known, string Hash)> Hash(
        List<(FoundFile File, KnownFile? Known)> files, List<(FoundFile, KnownFile?, string)> failures, CancellationToken cancellationToken)
    {
        var hashes = new (FoundFile, KnownFile?, string?, string?)[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken }, i =>
        {
            try
            {
                hashes[i] = (files[i].File, files[i].Known, ContentHash.OfFile(files[i].File.Path, files[i].File.Root), null);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                hashes[i] = (files[i].File, files[i].Known, null, e is FileNotFoundException or DirectoryNotFoundException
                    ? "the file disappeared while it was being indexed" : e is Storage.OutsideRootException ? e.Message : $"cannot be read ({e.Message})");
            }
        });

        var hashed = new List<(FoundFile, KnownFile?, string)>(files.Count);
        foreach (var (file, before, hash, error) in hashes)
        {
            if (hash is null)
            {
                failures.Add((file, before, error!));
            }
            else
            {
                hashed.Add((file, before, hash));
            }
        }

        return hashed;
    }

    private void Record(IReadOnlyDictionary<string, KnownFile> known, List<(FoundFile File, KnownFile? Known, string Hash)> hashed,
        List<(FoundFile File, KnownFile? Known, string Reason)> failures, List<KnownFile> missing, IndexRunCounts counts)
    {
        // A vanished photo's bytes found at a new path: the same photo, moved or renamed.
        var movable = missing.Where(m => m.Hash is not null && m.Status != PhotoStatus.Failed)
            .GroupBy(m => m.Hash!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new Queue<KnownFile>(g), StringComparer.Ordinal);
        // The photo that stands for each content among those still present (duplicates point to it).
        var gone = missing.Select(m => m.Id).ToHashSet();
        var originals = known.Values.Where(k => k.Hash is not null && k.Status is PhotoStatus.Indexed or PhotoStatus.Pending && !gone.Contains(k.Id))
            .GroupBy(k => k.Hash!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(k => k.Id), StringComparer.Ordinal);

        foreach (var (file, before, hash) in hashed)
        {
            if (before is not null)
            {
                if (before.Hash == hash && before.Status != PhotoStatus.Failed)
                {
                    catalog.Touch(before.Id, file, sidecarChanged: before.SidecarTicks != file.SidecarTicks); // touched, not changed
                    continue;
                }

                catalog.MarkChanged(before.Id, file, hash, PhotoStatus.Pending, PendingWork.All);
                counts.Changed++;
                originals.TryAdd(hash, before.Id);
                continue;
            }

            if (movable.TryGetValue(hash, out var candidates) && candidates.TryDequeue(out var moved))
            {
                catalog.Move(moved.Id, file);
                missing.Remove(moved);
                originals.TryAdd(hash, moved.Id);
                counts.Moved++;
            }
            else if (originals.TryGetValue(hash, out var original))
            {
                catalog.AddPhoto(file, hash, PhotoStatus.Duplicate, PendingWork.None, duplicateOf: original);
                counts.Duplicates++;
            }
            else
            {
                originals[hash] = catalog.AddPhoto(file, hash, PhotoStatus.Pending, PendingWork.All);
                counts.Added++;
            }
        }

        foreach (var (file, before, reason) in failures)
        {
            if (before is null)
            {
                catalog.AddPhoto(file, null, PhotoStatus.Failed, PendingWork.None, reason);
            }
            else
            {
                catalog.MarkChanged(before.Id, file, null, PhotoStatus.Failed, PendingWork.None, reason);
                catalog.MarkFailed(before.Id, reason);
            }

            counts.Failed++;
        }

        catalog.RemovePhotos([.. missing.Select(m => m.Id)]);
        counts.Removed += missing.Count;
    }

    private bool UnderRoots(string path) => roots.Any(root =>
        path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || string.Equals(path, root, StringComparison.Ordinal));
}

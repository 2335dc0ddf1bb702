using System.Buffers;
using System.Threading.Channels;
using Retrieval.Backends;
using Retrieval.Catalog;
using Retrieval.Duplicates;
using Retrieval.Imaging;
using Retrieval.Models;
using Retrieval.Ocr;

namespace Retrieval.Indexing;

/// <summary>
/// One index run: finish what a killed run left (queued removals, pending photos), import captions, compare
/// the roots with the catalog, then embed every pending photo through bounded channels — several threads read,
/// decode and (with a <see cref="PhotoTextReader"/>) read the text in the photos, one runs the encoders in batches,
/// one commits — so the encoder never waits for the disk.
/// </summary>
/// <remarks>
/// <para>Consistency. The catalog is the source of truth; the vector collections and the keyword index
/// follow it, and every write to them is an idempotent upsert or delete by id. A chunk of photos commits in
/// four steps: (1) one catalog transaction records their metadata and new captions (ids for their vectors)
/// and queues the vectors of replaced captions for removal; (2) vectors are deleted and upserted; (3) keyword
/// documents are deleted and replaced, and the keyword index commits; (4) one catalog transaction marks the
/// photos indexed and clears the removals carried out. A kill between any two steps leaves the photos
/// <c>pending</c> and the removals queued: the next run does steps 2 to 4 again, which changes nothing that
/// was already done. Deleting a photo queues its vectors and document for removal in the same transaction
/// that deletes its row, and ids are never reused, so nothing is orphaned and no removal hits a newer photo.</para>
/// </remarks>
public sealed class IndexingPipeline(PhotoIndex index, ClipModel model, IndexingOptions options, ImagingOptions imaging, PhotoTextReader? text = null,
    NearDuplicateOptions? duplicates = null)
{
    /// <summary>Runs over <paramref name="roots"/> (absolute folders), importing <paramref name="captions"/> first when given.</summary>
    public async Task<IndexRunCounts> RunAsync(IReadOnlyList<string> roots, CaptionFile? captions, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var catalog = index.Catalog;
        var counts = new IndexRunCounts();
        var run = catalog.StartRun(roots);
        try
        {
            await ApplyRemovalsAsync(cancellationToken).ConfigureAwait(false);
            if (captions is not null)
            {
                catalog.InTransaction(() => catalog.ImportCaptions(captions.Captions, captions.Source));
            }

            new ChangeScan(catalog, roots, options.DecodeThreads, progress).Run(counts, cancellationToken);
            if (text is not null)
            {
                catalog.InTransaction(() => catalog.QueueTextReading());
            }

            await QueueMissingSignaturesAsync(cancellationToken).ConfigureAwait(false);

            await ApplyRemovalsAsync(cancellationToken).ConfigureAwait(false);
            await EmbedPendingAsync(counts, progress, cancellationToken).ConfigureAwait(false);
            await index.Keywords.CompactAsync(cancellationToken).ConfigureAwait(false);
            await ReclaimVectorsAsync(cancellationToken).ConfigureAwait(false);
            catalog.FinishRun(run, counts, "completed");
            progress?.Report(new IndexProgress(IndexPhase.Done, counts.Found, counts.Embedded, counts.Embedded, counts.Failed));
            return counts;
        }
        catch (OperationCanceledException)
        {
            catalog.FinishRun(run, counts, "cancelled");
            throw;
        }
    }

    /// <summary>
    /// Each vector collection gives back the room of removed photos, replaced captions and re-embedded images once
    /// enough has piled up (<see cref="Vectors.IVectorIndex.ReclaimAsync"/>): otherwise a library that keeps changing
    /// grows without bound, and every search reads past the dead vectors.
    /// </summary>
    private async Task ReclaimVectorsAsync(CancellationToken cancellationToken)
    {
        foreach (var kind in IndexCollections.All)
        {
            if (index.Collection(kind) is { } collection)
            {
                await collection.Vectors.ReclaimAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Photos indexed before pixel signatures existed have none: they are decoded again (and so embedded again) once,
    /// so near-duplicates are found among every photo. Looked for only when the collections' counts differ.
    /// </summary>
    private async Task QueueMissingSignaturesAsync(CancellationToken cancellationToken)
    {
        if (index.Pixels is not { } pixels || index.Images is not { } images
            || await pixels.Vectors.CountAsync(cancellationToken).ConfigureAwait(false) >= await images.Vectors.CountAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var searchable = index.Catalog.SearchableIds(PhotoFilter.None);
        var signed = (await NearDuplicatePairs.SignaturesAsync(pixels.Vectors, searchable, cancellationToken).ConfigureAwait(false)).Select(s => s.Id).ToHashSet();
        index.Catalog.InTransaction(() => index.Catalog.QueueImageWork([.. searchable.Where(id => !signed.Contains(id))]));
    }

    /// <summary>Photos per image-encoder run: the model's batch size (<see cref="ModelOptions.MaxBatchSize"/>).</summary>
    private int BatchSize => model.Images.MaxBatchSize;

    private async Task EmbedPendingAsync(IndexRunCounts counts, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        var pending = index.Catalog.PendingPhotos();
        if (pending.Count == 0)
        {
            return;
        }

        using var failure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = failure.Token;
        var jobs = Channel.CreateBounded<KnownFile>(new BoundedChannelOptions(options.DecodeThreads * 4) { FullMode = BoundedChannelFullMode.Wait });
        var prepared = Channel.CreateBounded<PreparedPhoto>(new BoundedChannelOptions(BatchSize * 2) { FullMode = BoundedChannelFullMode.Wait });
        var embedded = Channel.CreateBounded<EmbeddedPhoto>(new BoundedChannelOptions(options.CommitEvery * 2) { FullMode = BoundedChannelFullMode.Wait });
        var preparer = new PhotoPreparer(new ImageDecoder(imaging), imaging, model.Preprocessor, ImportedCaptions(), text);
        using var cpu = new EncoderGate(options.YieldToEncoder ?? model.Images.Device == ExecutionDevice.Cpu);

        var stages = new List<Task>
        {
            Stage(failure, () => ProduceAsync(pending, jobs.Writer, token)),
            Stage(failure, () => PrepareAllAsync(preparer, cpu, jobs.Reader, prepared.Writer, token)),
            Stage(failure, () => EmbedAsync(cpu, prepared.Reader, embedded.Writer, token)),
            Stage(failure, () => CommitAsync(embedded.Reader, pending.Count, counts, progress, token)),
        };
        await Task.WhenAll(stages).ConfigureAwait(false);
    }

    /// <summary>Runs a stage on the thread pool; its failure cancels the others, so none waits forever on a dead neighbour.</summary>
    private static Task Stage(CancellationTokenSource failure, Func<Task> stage) => Task.Run(async () =>
    {
        try
        {
            await stage().ConfigureAwait(false);
        }
        catch
        {
            await failure.CancelAsync().ConfigureAwait(false);
            throw;
        }
    });

    private static async Task ProduceAsync(IReadOnlyList<KnownFile> pending, ChannelWriter<KnownFile> writer, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var job in pending)
            {
                await writer.WriteAsync(job, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            writer.Complete();
        }
    }

    private async Task PrepareAllAsync(PhotoPreparer preparer, EncoderGate cpu, ChannelReader<KnownFile> reader, ChannelWriter<PreparedPhoto> writer, CancellationToken cancellationToken)
    {
        try
        {
            var workers = Enumerable.Range(0, options.DecodeThreads).Select(_ => Task.Run(async () =>
            {
                await foreach (var job in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    await writer.WriteAsync(preparer.Prepare(job, () => cpu.WaitUntilIdle(cancellationToken)), cancellationToken).ConfigureAwait(false);
                }
            }, cancellationToken));
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        finally
        {
            writer.Complete();
        }
    }

    /// <summary>
    /// Fills image batches; runs the encoder when a batch is full, or (when decoding overlaps encoding) as soon
    /// as nothing more is ready.
    /// </summary>
    private async Task EmbedAsync(EncoderGate cpu, ChannelReader<PreparedPhoto> reader, ChannelWriter<EmbeddedPhoto> writer, CancellationToken cancellationToken)
    {
        try
        {
            var batch = model.Images.CreateBatch(BatchSize);
            var photos = new List<PreparedPhoto>(BatchSize);
            var output = new float[BatchSize * model.Dimension];
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var images = 0;
                photos.Clear();
                while (images < batch.Capacity && photos.Count < BatchSize * 4)
                {
                    if (!reader.TryRead(out var photo))
                    {
                        // Decoding waits for the encoder (on the CPU): wait for a full batch, not the first photo.
                        if (cpu.Enabled && await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            continue;
                        }

                        break;
                    }

                    if (photo.Tensor is { } tensor)
                    {
                        tensor.AsSpan(0, model.Preprocessor.Options.TensorLength).CopyTo(batch.Slot(images++));
                        ArrayPool<float>.Shared.Return(tensor);
                    }

                    photos.Add(photo);
                }

                var texts = photos.SelectMany(p => p.Captions.Select(c => c.Text)).ToList();
                float[][] textVectors;
                using (cpu.Encoding())
                {
                    if (images > 0)
                    {
                        model.Images.Encode(batch, images, output, cancellationToken);
                    }

                    textVectors = texts.Count > 0 ? model.Text.Encode(texts, cancellationToken) : [];
                }
                int nextImage = 0, nextText = 0;
                foreach (var photo in photos)
                {
                    float[]? image = null;
                    IReadOnlyList<TagText>? tags = null;
                    if (photo.Tensor is not null)
                    {
                        image = output.AsSpan(nextImage * model.Dimension, model.Dimension).ToArray();
                        tags = AutoTags(batch, nextImage++);
                    }

                    var captions = textVectors[nextText..(nextText + photo.Captions.Count)];
                    nextText += photo.Captions.Count;
                    await writer.WriteAsync(new EmbeddedPhoto(photo, image, captions, tags), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            writer.Complete();
        }
    }

    /// <summary>A photo's most probable classes, and their broader terms, as tags (source "auto", with the class probability).</summary>
    private List<TagText> AutoTags(ImageBatch batch, int index) =>
        [.. model.Images.TopClasses(batch, index, options.AutoTagConfidence, options.AutoTagCount)
            .SelectMany(c => c.Label.BroaderTerms.Prepend(c.Label.Name).Select(term => new TagText(term, TagText.AutoSource, c.Probability)))
            .DistinctBy(t => t.Tag, StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// Commits in chunks of <see cref="IndexingOptions.CommitEvery"/> photos, or what has arrived once
    /// <see cref="IndexingOptions.CommitInterval"/> has passed: each commit costs fsyncs and a keyword-index commit,
    /// too much to pay per encoder batch, and what a kill can lose is bounded either way.
    /// </summary>
    private async Task CommitAsync(ChannelReader<EmbeddedPhoto> reader, int total, IndexRunCounts counts, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        var chunk = new List<EmbeddedPhoto>(options.CommitEvery);
        var nearDuplicates = new NewNearDuplicates(index, duplicates ?? new NearDuplicateOptions());
        var received = 0;
        var sinceCommit = System.Diagnostics.Stopwatch.StartNew();
        await foreach (var photo in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            chunk.Add(photo);
            progress?.Report(new IndexProgress(IndexPhase.Embedding, counts.Found, ++received, total, counts.Failed));
            if (chunk.Count >= options.CommitEvery || sinceCommit.Elapsed >= options.CommitInterval)
            {
                await CommitChunkAsync(chunk, nearDuplicates, counts, cancellationToken).ConfigureAwait(false);
                chunk.Clear();
                sinceCommit.Restart();
            }
        }

        if (chunk.Count > 0)
        {
            await CommitChunkAsync(chunk, nearDuplicates, counts, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Commits a chunk, then counts its photos that repeat one indexed before (after the commit: it only reads).</summary>
    private async Task CommitChunkAsync(List<EmbeddedPhoto> chunk, NewNearDuplicates nearDuplicates, IndexRunCounts counts, CancellationToken cancellationToken)
    {
        await new ChunkCommit(index, chunk).RunAsync(counts, cancellationToken).ConfigureAwait(false);
        counts.NearDuplicates += await nearDuplicates.CountAsync(chunk, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Carries out queued removals: vectors and keyword documents of photos and captions the catalog no longer has.</summary>
    private Task ApplyRemovalsAsync(CancellationToken cancellationToken) => ChunkCommit.ApplyRemovalsAsync(index, cancellationToken);

    private IReadOnlyDictionary<string, List<CaptionText>> ImportedCaptions() => index.Catalog.AllImportedCaptions();
}

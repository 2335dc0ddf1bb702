using Retrieval.Errors;
using Retrieval.Keywords;
using Retrieval.Testing;

namespace Retrieval.Tests.Keywords;

/// <summary>
/// A keyword index with a damaged file — any of its files cut short, or garbage written into one — is refused when a
/// reader opens it, naming the file, never answered from: no other exception, no empty or partial hits.
/// </summary>
public sealed class DamagedKeywordIndexTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-keywords-damage-");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryFileCutShort_IsDamageNamingIt()
    {
        var pristine = await BuildAsync();
        var files = IndexFiles(pristine);
        Assert.NotEmpty(files);
        foreach (var name in files)
        {
            var copy = Copy(pristine, $"cut-{name}");
            using (var file = File.OpenWrite(Path.Combine(copy, name)))
            {
                file.SetLength(file.Length / 2);
            }

            await AssertDamagedAsync(copy, name);
        }
    }

    [Fact]
    public async Task GarbageInsideTheLargestFile_IsDamageNamingIt()
    {
        var pristine = await BuildAsync();
        var name = IndexFiles(pristine).MaxBy(f => new FileInfo(Path.Combine(pristine, f)).Length)!;
        var copy = Copy(pristine, "garbage");
        var path = Path.Combine(copy, name);
        var bytes = File.ReadAllBytes(path);
        // The middle of the file, clear of its header and checksum footer: only the checksum can tell.
        new Random(7).NextBytes(bytes.AsSpan(bytes.Length / 3, Math.Min(64, bytes.Length / 3)));
        File.WriteAllBytes(path, bytes);

        await AssertDamagedAsync(copy, name);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>Opening and searching the index in <paramref name="folder"/> is refused as damage naming <paramref name="file"/>.</summary>
    private async Task AssertDamagedAsync(string folder, string file)
    {
        var error = await Record.ExceptionAsync(async () =>
        {
            using var reader = LuceneKeywordIndex.OpenReader(folder);
            var hits = await reader.SearchAsync(KeywordQuery.Of("dog beach"), 10, cancellationToken: _ct);
            Assert.Fail($"with {file} damaged the search answered {hits.Count} hits");
        });
        Assert.True(error is IndexDamagedException, $"with {file} damaged: {error}");
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    /// <summary>An index of 200 documents in two segments, its writer closed.</summary>
    private async Task<string> BuildAsync()
    {
        var folder = Path.Combine(_folder.FullName, "pristine");
        using var writer = LuceneKeywordIndex.OpenWriter(folder);
        for (var segment = 0; segment < 2; segment++)
        {
            await writer.UpsertAsync([.. Enumerable.Range(1 + (segment * 100), 100).Select(id =>
                new KeywordDocument(id, [$"a dog on the beach, photo {id}", "waves and sand"], ["dog", "beach"], $"IMG_{id}.jpg", ["holiday"], "Canon"))], _ct);
            await writer.CommitAsync(_ct);
        }

        using var reader = LuceneKeywordIndex.OpenReader(folder);
        Assert.Equal(10, (await reader.SearchAsync(KeywordQuery.Of("dog beach"), 10, cancellationToken: _ct)).Count);
        return folder;
    }

    /// <summary>
    /// Every file of the index but the lock, whose content Lucene never reads, and <c>segments.gen</c>, a hint: damaged,
    /// Lucene lists the folder instead and answers rightly.
    /// </summary>
    private static List<string> IndexFiles(string folder) =>
        [.. Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>().Where(f => f is not "write.lock" and not "segments.gen").Order(StringComparer.Ordinal)];

    private string Copy(string from, string name)
    {
        var to = Path.Combine(_folder.FullName, name);
        TestFiles.CopyTree(from, to);
        return to;
    }
}

using System.Text.Json;
using Microsoft.Data.Sqlite;
using Retrieval.Testing;

namespace Retrieval.Tests.People;

/// <summary>
/// People through the command line, on a library of the same faces in several photos (<see cref="PeopleSet"/>): the index
/// run groups them (every person whole, none mixing two, one in too few photos left out); <c>people name</c> and
/// <c>people merge</c> change them, and both survive re-grouping and the photos being read again; <c>person:</c> (several:
/// all of them), <c>-person:</c> and a name typed as free text search by who is in a photo; removing a photo forgets its faces.
/// </summary>
public sealed class PeopleCliTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-people-cli-");

    public PeopleCliTests() => PeopleSet.WriteTo(Photos);

    private string Photos => Path.Combine(_folder.FullName, "photos");

    private string Db => Path.Combine(_folder.FullName, "db");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Index_GroupsEachPersonWhole_NoneMixed_TheOneInTwoPhotosLeftOut()
    {
        await IndexAsync();

        var (people, unassigned) = await PeopleAsync();
        foreach (var (person, _) in PeopleSet.People)
        {
            var found = Assert.Single(people, p => p.Files.Overlaps(PeopleSet.FilesOf(person)));
            Assert.Superset(PeopleSet.FilesOf(person).ToHashSet(), found.Files);
            Assert.True(found.Faces >= PeopleSet.FilesPerPerson);
        }

        // Nobody holds files of two people, except the pair (two faces: each belongs to one of them).
        Assert.All(people, p => Assert.True(PeopleSet.People.Append(PeopleSet.Lone).Count(q => p.Files.Overlaps(PeopleSet.FilesOf(q.Person))) <= 1, string.Join(", ", p.Files)));
        Assert.DoesNotContain(people, p => p.Files.Overlaps(PeopleSet.FilesOf(PeopleSet.Lone.Person)));
        Assert.True(unassigned >= 2, $"{unassigned} faces without a person (the lone person's two are)");
        Assert.Equal(people.OrderByDescending(p => p.Faces).Select(p => p.Id), people.Select(p => p.Id));
    }

    [Fact]
    public async Task Named_TheyAreFoundByPerson_TogetherByTwo_LeftOutByMinus_AndByTheirNameInFreeText()
    {
        await IndexAsync();
        var anna = await NameAsync("anna", "Anna Schmidt");
        var cleo = await NameAsync("cleo", "Cleo");

        Assert.Equal([.. PeopleSet.FilesOf("anna"), PeopleSet.Pair], await SearchAsync("person:anna"));
        Assert.Equal([.. PeopleSet.FilesOf("anna"), PeopleSet.Pair], await SearchAsync("person:\"anna schmidt\""));
        Assert.Equal([.. PeopleSet.FilesOf("anna"), PeopleSet.Pair], await SearchAsync($"person:{anna}"));
        Assert.Equal([PeopleSet.Pair], await SearchAsync("person:Anna person:CLEO"));
        Assert.Equal(PeopleSet.FilesOf("anna").Order(StringComparer.Ordinal), await SearchAsync("person:anna -person:cleo"));
        Assert.Empty(await SearchAsync("person:anna person:cleo -person:cleo"));
        var nobody = await CliAsync(["search", "person:nobody", "--db", Db], expectOk: false);
        Assert.Equal(1, nobody.Exit);
        Assert.Contains("person:nobody names nobody", nobody.Stderr, StringComparison.Ordinal);

        // Free text: the name counts as evidence, the results say who is in them and why.
        using var json = JsonDocument.Parse((await CliAsync("search", "Anna", "--db", Db, "--json", "--k", "5")).Stdout);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(PeopleSet.FilesOf("anna").Append(PeopleSet.Pair).Order(StringComparer.Ordinal), results.Select(r => Path.GetFileName(r.GetProperty("path").GetString()!)).Order(StringComparer.Ordinal));
        Assert.All(results, r => Assert.Contains(r.GetProperty("why").EnumerateArray(), w => w.GetProperty("kind").GetString() == "person" && w.GetProperty("detail").GetString()!.Contains("Anna Schmidt is in it", StringComparison.Ordinal)));
        Assert.All(results, r => Assert.Contains(r.GetProperty("people").EnumerateArray(), p => p.GetProperty("id").GetInt64() == anna && p.GetProperty("name").GetString() == "Anna Schmidt"));
        var pair = results.Single(r => r.GetProperty("path").GetString()!.EndsWith(PeopleSet.Pair, StringComparison.Ordinal));
        Assert.Equal(new[] { anna, cleo }.Order(), pair.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).Order());

        var text = (await CliAsync("search", "person:cleo", "--db", Db)).Stdout;
        Assert.Contains("with Cleo", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamesAndMerges_SurviveRegroupingAndThePhotosBeingReadAgain()
    {
        await IndexAsync();
        var anna = await NameAsync("anna", "Anna");
        var ben = await IdOfAsync("ben");
        var merged = await CliAsync("people", "merge", $"{anna}", $"{ben}", "--db", Db);
        Assert.Contains($"Merged {ben} into person {anna} (Anna)", merged.Stdout, StringComparison.Ordinal);
        var expected = PeopleSet.FilesOf("anna").Concat(PeopleSet.FilesOf("ben")).Append(PeopleSet.Pair).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, await SearchAsync("person:anna"));

        await CliAsync("people", "regroup", "--db", Db);
        Assert.Equal(expected, await SearchAsync("person:anna"));

        // Every photo read again: new face items, the same people.
        foreach (var file in Directory.GetFiles(Photos))
        {
            File.AppendAllBytes(file, [0]);
        }

        await IndexAsync();
        Assert.Equal(expected, await SearchAsync("person:anna"));
        Assert.Equal(anna, await IdOfAsync("anna"));
        var (people, _) = await PeopleAsync();
        Assert.DoesNotContain(people, p => p.Id == ben);
    }

    [Fact]
    public async Task AFaceMovedOrMarkedNotAPerson_StaysSo_AcrossRegroupingAndReReading()
    {
        await IndexAsync();
        var (anna, dev) = (await IdOfAsync("anna"), await IdOfAsync("dev"));
        var (moved, statue) = (Assert.Single(FacesIn("anna-0.jpg")), Assert.Single(FacesIn("anna-1.jpg")));

        // The pair's two faces are two people: neither can be given to the other's person; and "not a person" takes none.
        var cleo = await IdOfAsync("cleo");
        var pairFaces = FacesIn(PeopleSet.Pair);
        Assert.Equal(2, pairFaces.Count);
        var clash = await CliAsync(["people", "move", $"{pairFaces[0]}", $"{cleo}", "--db", Db], expectOk: false);
        var other = await CliAsync(["people", "move", $"{pairFaces[1]}", $"{cleo}", "--db", Db], expectOk: false);
        Assert.Contains(new[] { clash, other }, r => r.Exit == 1 && r.Stderr.Contains("already has a face in this photo", StringComparison.Ordinal));
        var both = await CliAsync(["people", "move", $"{statue}", $"{dev}", "--not-a-person", "--db", Db], expectOk: false);
        Assert.Contains("give no person with it", both.Stderr, StringComparison.Ordinal);

        await CliAsync("people", "move", $"{moved}", $"{dev}", "--db", Db);
        await CliAsync("people", "move", $"{statue}", "none", "--not-a-person", "--db", Db);
        await CliAsync("people", "regroup", "--db", Db);
        File.AppendAllBytes(Path.Combine(Photos, "anna-0.jpg"), [0]);
        File.AppendAllBytes(Path.Combine(Photos, "anna-1.jpg"), [0]);
        await IndexAsync();

        Assert.Equal(["anna-2.jpg", "anna-3.jpg", PeopleSet.Pair], await SearchAsync($"person:{anna}"));
        Assert.Equal([.. PeopleSet.FilesOf("dev").Prepend("anna-0.jpg").Order(StringComparer.Ordinal)], await SearchAsync($"person:{dev}"));
    }

    [Fact]
    public async Task ALibraryWithoutFaces_HasNoPeople_AndSaysSo()
    {
        var empty = Path.Combine(_folder.FullName, "no-faces");
        TestFiles.CopyNamed(FaceSetPhotos, empty, ["000000062554.jpg", "000000078499.jpg"]);
        var (_, stdout, _) = await CliAsync("index", empty, "--db", Db, "--device", "cpu", "--no-ocr");
        Assert.Contains("0 failed", stdout, StringComparison.Ordinal);

        var (people, unassigned) = await PeopleAsync();
        Assert.Empty(people);
        Assert.Equal(0, unassigned);
        Assert.Contains("No people yet", (await CliAsync("people", "--db", Db)).Stdout, StringComparison.Ordinal);
        Assert.Contains("names nobody", (await CliAsync(["search", "person:anna", "--db", Db], expectOk: false)).Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemovingAPersonsPhotos_ForgetsTheirFaces_AndThePersonWhenNoneIsLeft()
    {
        await IndexAsync();
        var dev = await IdOfAsync("dev");

        await CliAsync(["remove", .. PeopleSet.FilesOf("dev").Select(f => Path.Combine(Photos, f)), "--db", Db]);

        var (people, _) = await PeopleAsync();
        Assert.DoesNotContain(people, p => p.Id == dev);
        Assert.Contains("names nobody", (await CliAsync(["search", $"person:{dev}", "--db", Db], expectOk: false)).Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadPeopleCommands_FailWithExitCode1_NamingWhatIsWrong()
    {
        await IndexAsync();
        var anna = await IdOfAsync("anna");

        var unknown = await CliAsync(["people", "name", "999999", "X", "--db", Db], expectOk: false);
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("no person has id 999999", unknown.Stderr, StringComparison.Ordinal);
        var self = await CliAsync(["people", "merge", $"{anna}", $"{anna}", "--db", Db], expectOk: false);
        Assert.Equal(1, self.Exit);
        Assert.Contains("cannot be merged into themselves", self.Stderr, StringComparison.Ordinal);
        var tooLong = await CliAsync(["people", "name", $"{anna}", new string('a', 101), "--db", Db], expectOk: false);
        Assert.Equal(1, tooLong.Exit);
        Assert.Contains("at most 100 characters", tooLong.Stderr, StringComparison.Ordinal);
    }

    private static string FaceSetPhotos => Path.Combine(RepositoryPaths.FaceSet, "photos");

    /// <summary>The ids of the faces in <paramref name="file"/>, read from the catalog's SQLite file.</summary>
    private List<long> FacesIn(string file)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Db, "catalog.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT items.id FROM items JOIN photos ON photos.id = items.photo_id WHERE items.collection = 'faces' AND photos.path = $path";
        command.Parameters.AddWithValue("$path", Path.Combine(Photos, file));
        using var reader = command.ExecuteReader();
        var faces = new List<long>();
        while (reader.Read())
        {
            faces.Add(reader.GetInt64(0));
        }

        return faces;
    }

    private async Task IndexAsync()
    {
        var (_, stdout, _) = await CliAsync("index", Photos, "--db", Db, "--device", "cpu", "--no-ocr");
        Assert.Contains("0 failed", stdout, StringComparison.Ordinal);
    }

    /// <summary>The people the CLI lists: id, faces, and their photos' file names.</summary>
    private async Task<(List<(long Id, int Faces, HashSet<string> Files)> People, long Unassigned)> PeopleAsync()
    {
        using var json = JsonDocument.Parse((await CliAsync("people", "--db", Db, "--json")).Stdout);
        var people = json.RootElement.GetProperty("people").EnumerateArray().Select(p => (p.GetProperty("id").GetInt64(), p.GetProperty("faces").GetInt32(),
            p.GetProperty("photos").EnumerateArray().Select(f => Path.GetFileName(f.GetString()!)).ToHashSet(StringComparer.Ordinal))).ToList();
        return (people, json.RootElement.GetProperty("unassigned").GetInt64());
    }

    /// <summary>The id of the person whose photos are <paramref name="person"/>'s files.</summary>
    private async Task<long> IdOfAsync(string person) =>
        (await PeopleAsync()).People.Single(p => p.Files.Overlaps(PeopleSet.FilesOf(person))).Id;

    private async Task<long> NameAsync(string person, string name)
    {
        var id = await IdOfAsync(person);
        var (_, stdout, _) = await CliAsync("people", "name", $"{id}", name, "--db", Db);
        Assert.Contains($"Person {id} is {name}", stdout, StringComparison.Ordinal);
        return id;
    }

    /// <summary>The file names a keyword-free search finds (filters alone list every match), in name order.</summary>
    private async Task<List<string>> SearchAsync(string query)
    {
        using var json = JsonDocument.Parse((await CliAsync("search", query, "--db", Db, "--json", "--k", "50")).Stdout);
        return [.. json.RootElement.GetProperty("results").EnumerateArray().Select(r => Path.GetFileName(r.GetProperty("path").GetString()!)).Order(StringComparer.Ordinal)];
    }

    private static Task<(int Exit, string Stdout, string Stderr)> CliAsync(params string[] arguments) => CliAsync(arguments, expectOk: true);

    private static async Task<(int Exit, string Stdout, string Stderr)> CliAsync(string[] arguments, bool expectOk)
    {
        var result = await ChildProcess.RunCliAsync(arguments);
        if (expectOk)
        {
            Assert.True(result.ExitCode == 0, $"retrieval {string.Join(' ', arguments)}: exit {result.ExitCode}: {result.Stderr}");
        }

        return result;
    }
}

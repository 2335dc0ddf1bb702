using System.Globalization;
using System.Text.Json;
using Retrieval.Benchmarks.Indexing;
using Retrieval.Catalog;
using Retrieval.Faces;
using Retrieval.Models;
using Retrieval.Testing;

namespace Retrieval.Benchmarks.Faces;

/// <summary>
/// People on an identity-labelled set, one command:
///   dotnet run -c Release --project tests/Retrieval.Benchmarks -- people SET [PACK[:euclidean]...]
/// SET is a folder of photos with <c>identities.json</c> (<c>{"file.png": "person"}</c>; files not in it are group or
/// unlabelled photos) or one sub-folder per person. Each face model (the bundled one, then each PACK folder: an immich
/// pack or the replica; ":euclidean" compares its faces as dlib's, as the replica's recognizer is dlib's net) indexes the
/// set and is judged: (1) faces found in the labelled photos (at least one face);
/// (2) every pair of labelled photos with exactly one face, same person or not, judged by the model's same-person
/// distance — the share judged right; (3) the people the grouping made: how many, how many hold two identities (must
/// be none), and how many identities a person recovers (holds at least two of its photos and nothing else).
/// </summary>
internal static class PeopleBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [_, var set, .. var packs] || !Directory.Exists(set))
        {
            Console.Error.WriteLine("usage: people SET [PACK...]  (SET: photos with identities.json, or one folder per person)");
            return 2;
        }

        var identities = Identities(set);
        Console.WriteLine($"# People benchmark: {identities.Count} labelled photos of {identities.Values.Distinct().Count()} people in {set}; {Environment.ProcessorCount} cores");
        Console.WriteLine("| model | photos with a face | pairs judged right | people made | mixing two identities | identities recovered | faces without a person |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        using var model = TestModels.Default(threads: 2);
        foreach (var given in (string[])[RepositoryPaths.FaceModels, .. packs])
        {
            var (folder, distance) = given.EndsWith(":euclidean", StringComparison.Ordinal) ? (given[..^":euclidean".Length], "euclidean") : (given, null);
            var people = new People.PeopleOptions { Distance = distance };
            using var reader = FaceReaders.Open(new FaceOptions { Model = folder }, new ModelOptions { Device = ExecutionDevice.Cpu, IntraOpThreads = 1 });
            var work = Directory.CreateTempSubdirectory("retrieval-bench-people-");
            try
            {
                var root = Path.Combine(work.FullName, "index");
                await IndexBenchmark.TimedRunAsync(root, model, set, 2, faces: reader, people: people);
                using var index = IndexBenchmark.Backend(root).OpenForReading();
                Console.WriteLine(await JudgeAsync(index, identities, reader.ModelId, FaceMetric.ForModel(reader.ModelId).With(distance, null)));
            }
            finally
            {
                work.Delete(recursive: true);
            }
        }

        return 0;
    }

    private static async Task<string> JudgeAsync(Backends.PhotoIndex index, Dictionary<string, string> identities, string modelId, FaceMetric metric)
    {
        var catalog = index.Catalog;
        var photos = catalog.Photos(catalog.SearchableIds(PhotoFilter.None));
        var identityOf = photos.ToDictionary(p => p.Key, p => identities.GetValueOrDefault(Path.GetRelativePath(p.Value.Root, p.Value.Path)));
        var faces = catalog.Faces().GroupBy(f => f.PhotoId).ToDictionary(g => g.Key, g => g.ToList());
        var labelled = identityOf.Where(p => p.Value is not null).Select(p => p.Key).ToList();
        var found = labelled.Count(faces.ContainsKey);

        // One face per photo: the pair's judgement is about those two faces.
        var single = new List<(string Identity, float[] Vector, float Norm)>();
        foreach (var id in labelled.Where(id => faces.TryGetValue(id, out var list) && list.Count == 1))
        {
            var face = faces[id][0];
            if (await index.Collection(FaceAnalyzer.Collection)!.Vectors.GetVectorAsync(face.Id) is { } vector && FaceItem.FromPayload(face.Payload) is { } item)
            {
                single.Add((identityOf[id]!, vector, item.DescriptorNorm));
            }
        }

        var (right, pairs) = (0, 0);
        for (var i = 0; i < single.Count; i++)
        {
            for (var j = i + 1; j < single.Count; j++)
            {
                var same = metric.Distance(single[i].Vector, single[i].Norm, single[j].Vector, single[j].Norm) < metric.SamePersonBelow;
                right += same == (single[i].Identity == single[j].Identity) ? 1 : 0;
                pairs++;
            }
        }

        var people = catalog.People();
        var identitiesOf = people.ToDictionary(p => p.Id, p => catalog.PhotosOfPerson(p.Id).Select(identityOf.GetValueOrDefault).OfType<string>().ToList());
        var mixing = identitiesOf.Values.Count(list => list.Distinct().Count() > 1);
        var recovered = identitiesOf.Values.Where(list => list.Count >= 2 && list.Distinct().Count() == 1).Select(list => list[0]).Distinct().Count();
        return string.Create(CultureInfo.InvariantCulture,
            $"| {modelId} ({metric.Name} < {metric.SamePersonBelow}) | {found}/{labelled.Count} ({100.0 * found / Math.Max(1, labelled.Count):0.0} %) | {right}/{pairs} ({100.0 * right / Math.Max(1, pairs):0.00} %) | {people.Count} | {mixing} | {recovered}/{identities.Values.Distinct().Count()} | {catalog.UnassignedFaces()} |");
    }

    /// <summary>The identity of each labelled file, by its path under the set.</summary>
    private static Dictionary<string, string> Identities(string set)
    {
        var file = Path.Combine(set, "identities.json");
        if (File.Exists(file))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            return json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        }

        return Directory.GetDirectories(set).SelectMany(folder => Directory.GetFiles(folder).Select(f => (Path.GetRelativePath(set, f), Path.GetFileName(folder))))
            .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
    }
}

using System.Diagnostics;
using System.Globalization;
using Retrieval.Places;
using Retrieval.Testing;

namespace Retrieval.Benchmarks.Places;

/// <summary>
/// Offline reverse geocoding: loading data/places/places.bin.gz (time, size, managed memory), then COUNT lookups on one
/// thread (default 1,000,000), twice: positions uniform over the globe's area (mostly sea), and positions within
/// 40 km of a town (where the nearest-town search does its work). Positions are made before the clock starts.
/// Run: dotnet run -c Release --project tests/Retrieval.Benchmarks -- places [COUNT]
/// </summary>
internal static class PlaceBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var path = RepositoryPaths.Places;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var loads = new List<double>();
        PlaceIndex index = null!;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            index = PlaceIndex.Load(path);
            loads.Add(clock.Elapsed.TotalMilliseconds);
        }

        var memory = GC.GetTotalMemory(forceFullCollection: true) - before;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# Places: {new FileInfo(path).Length / 1e6:0.0} MB file, {index.PlaceCount:N0} places, {index.CountryCount} countries; load {loads[0]:0} ms cold, {loads.Min():0} ms warm; {memory / 1e6:0} MB managed after load"));

        var random = new Random(20261207);
        var uniform = new (double, double)[count];
        for (var i = 0; i < count; i++)
        {
            uniform[i] = UniformOnSphere(random);
        }

        var nearTowns = new (double, double)[count];
        for (var i = 0; i < count;)
        {
            var position = UniformOnSphere(random);
            if (index.Locate(position.Latitude, position.Longitude)?.Name is not null)
            {
                nearTowns[i++] = position;
            }
        }

        Measure(index, "uniform over the globe", uniform);
        Measure(index, "within 40 km of a town", nearTowns);
        return Task.FromResult(0);
    }

    private static void Measure(PlaceIndex index, string label, (double Latitude, double Longitude)[] positions)
    {
        Run(index, positions.AsSpan(0, Math.Min(positions.Length, 100_000))); // warm-up: tiered JIT
        var rates = new List<double>();
        (int Towns, int Countries, int None) counts = default;
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            counts = Run(index, positions);
            rates.Add(positions.Length / clock.Elapsed.TotalSeconds);
        }

        rates.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {rates[1] / 1e6:0.00} M lookups/s (median of 3; {1e9 / rates[1]:0} ns each) | town {counts.Towns:N0}, country only {counts.Countries:N0}, none {counts.None:N0} |"));
    }

    private static (int Towns, int Countries, int None) Run(PlaceIndex index, ReadOnlySpan<(double Latitude, double Longitude)> positions)
    {
        int towns = 0, countries = 0, none = 0;
        foreach (var (latitude, longitude) in positions)
        {
            switch (index.Locate(latitude, longitude))
            {
                case null: none++; break;
                case { Name: null }: countries++; break;
                default: towns++; break;
            }
        }

        return (towns, countries, none);
    }

    /// <summary>A position uniform over the sphere's area (latitude from the arcsine of a uniform value).</summary>
    private static (double Latitude, double Longitude) UniformOnSphere(Random random) =>
        (Math.Asin((2 * random.NextDouble()) - 1) * 180 / Math.PI, (random.NextDouble() * 360) - 180);
}

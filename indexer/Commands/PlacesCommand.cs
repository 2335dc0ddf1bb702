using System.CommandLine;
using System.Globalization;
using Retrieval.Hosting;
using Retrieval.Places;

namespace Retrieval.Cli.Commands;

/// <summary>
/// <c>retrieval places [--json]</c>: where the library's photos were taken — countries, their regions and cities, with
/// how many photos each (most first) — and how many have no place. The same tree as <c>GET /api/places</c>.
/// </summary>
internal static class PlacesCommand
{
    public static Command Create()
    {
        var json = CommonFlags.Json();
        var command = new Command("places", "List where the photos were taken: countries, regions and cities, with counts") { json };
        EngineArguments.AddTo(command, EngineArguments.Db);
        command.SetAction((result, _) => CommandBoundary.Run(result, host =>
        {
            var places = host.Get<LibraryStatus>().Places();
            if (result.GetValue(json))
            {
                JsonOutput.Write(new
                {
                    countries = places.Countries.Select(c => new
                    {
                        code = c.Code, name = c.Name, count = c.Count, cover = c.Cover,
                        regions = c.Parts.Select(r => new { name = r.Name, count = r.Count, cover = r.Cover, cities = r.Parts.Select(t => new { name = t.Name, count = t.Count, cover = t.Cover }) }),
                    }),
                    unplaced = places.Unplaced,
                });
                return ExitCodes.Ok;
            }

            foreach (var country in places.Countries)
            {
                Write(0, $"{country.Name} ({country.Code})", country);
                foreach (var region in country.Parts)
                {
                    Write(1, region.Name ?? "(no region)", region);
                    foreach (var city in region.Parts)
                    {
                        Write(2, city.Name ?? "(away from any town)", city);
                    }
                }
            }

            Console.WriteLine(places.Countries.Count == 0 ? "No photo has a place yet (none has a GPS position on land)." : "");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Without a place (no GPS position, or at sea): {places.Unplaced:N0}"));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Write(int depth, string name, PlaceGroup group) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{new string(' ', depth * 2)}{SafeConsole.Line(name)}  {group.Count:N0} {(group.Count == 1 ? "photo" : "photos")}"));
}

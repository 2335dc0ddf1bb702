using System.CommandLine;
using System.Globalization;
using Retrieval.Catalog;
using Retrieval.Hosting;

namespace Retrieval.Cli.Commands;

/// <summary>
/// <c>retrieval people [--json]</c>: the people the faces were grouped into, most faces first, with their photos, and how
/// many faces belong to nobody yet; <c>people name ID NAME</c>, <c>people merge ID FROM</c>, <c>people hide ID [--show]</c>,
/// <c>people move FACE PERSON|none [--not-a-person]</c> and <c>people regroup</c> change them. The same people as
/// <c>GET /api/people</c>; every change is kept across re-grouping and re-indexing.
/// </summary>
internal static class PeopleCommand
{
    public static Command Create()
    {
        var json = CommonFlags.Json();
        var hidden = new Option<bool>("--hidden") { Description = "List hidden people too" };
        var command = new Command("people", "List the people found in the photos; name, merge, hide them") { json, hidden, Name(), Merge(), Hide(), Move(), Regroup() };
        EngineArguments.AddTo(command, EngineArguments.Db);
        command.SetAction((result, _) => CommandBoundary.Run(result, host =>
        {
            var people = host.Get<LibraryPeople>();
            var list = people.List(result.GetValue(hidden));
            if (result.GetValue(json))
            {
                JsonOutput.Write(new
                {
                    people = list.People.Select(p => new { id = p.Id, name = p.Name, faces = p.Faces, photos = people.PhotoPaths(p.Id), hidden = p.Hidden }),
                    unassigned = list.Unassigned,
                });
                return ExitCodes.Ok;
            }

            foreach (var person in list.People)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{person.Id,5}  {SafeConsole.Line(person.Name ?? "(no name)")}{(person.Hidden ? " (hidden)" : "")}  {person.Faces:N0} {(person.Faces == 1 ? "face" : "faces")} in {person.Photos:N0} {(person.Photos == 1 ? "photo" : "photos")}"));
                foreach (var photo in people.PhotoPaths(person.Id).Take(3))
                {
                    Console.WriteLine($"         {SafeConsole.Line(photo)}");
                }
            }

            Console.WriteLine(list.People.Count == 0
                ? "No people yet: a person appears once 3 faces alike are found (faces are found while indexing; --no-faces turns that off)."
                : "Name one with `retrieval people name ID NAME`; merge two with `retrieval people merge ID OTHER`.");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Faces not grouped yet: {list.Unassigned:N0}"));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Name()
    {
        var id = PersonId("id", "The person's id (from `retrieval people`)");
        var name = new Argument<string>("name") { Description = "Their name (\"\" takes it away)" };
        var command = new Command("name", "Name a person (searchable as person:NAME and by name in free text)") { id, name };
        EngineArguments.AddTo(command, EngineArguments.Db);
        command.SetAction((result, cancellationToken) => CommandBoundary.RunAsync(result, async host =>
        {
            var person = await host.Get<LibraryPeople>().NameAsync(result.GetValue(id), result.GetValue(name), cancellationToken).ConfigureAwait(false);
            Console.WriteLine(person.Name is { } named
                ? $"Person {person.Id} is {SafeConsole.Line(named)} ({person.Photos:N0} photos): search with person:\"{SafeConsole.Line(named)}\"."
                : $"Person {person.Id} has no name now.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Merge()
    {
        var into = PersonId("id", "The person kept");
        var from = PersonId("from", "The person merged into them (their faces move; their id goes)");
        var command = new Command("merge", "Merge two people who are one (their faces stay together from now on)") { into, from };
        EngineArguments.AddTo(command, EngineArguments.Db);
        command.SetAction((result, cancellationToken) => CommandBoundary.RunAsync(result, async host =>
        {
            var person = await host.Get<LibraryPeople>().MergeAsync(result.GetValue(into), result.GetValue(from), cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"Merged {result.GetValue(from)} into {Describe(person)}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Hide()
    {
        var id = PersonId("id", "The person's id");
        var show = new Option<bool>("--show") { Description = "Show them again" };
        var command = new Command("hide", "Hide a person from lists and results (their photos stay searchable)") { id, show };
        EngineArguments.AddTo(command, EngineArguments.Db);
        command.SetAction((result, cancellationToken) => CommandBoundary.RunAsync(result, async host =>
        {
            var person = await host.Get<LibraryPeople>().HideAsync(result.GetValue(id), !result.GetValue(show), cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"{Describe(person)} is {(person.Hidden ? "hidden" : "shown")}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Move()
    {
        var face = PersonId("face", "The face's id (GET /api/images/{id} lists them)");
        var person = new Argument<string>("person") { Description = "The person it belongs to, or none" };
        var notAPerson = new Option<bool>("--not-a-person") { Description = "It is not a person's face (a statue, a poster): never grouped" };
        var command = new Command("move", "Give a face to another person, or mark it not a person (kept from then on)") { face, person, notAPerson };
        EngineArguments.AddTo(command, EngineArguments.Db);
        command.SetAction((result, cancellationToken) => CommandBoundary.RunAsync(result, async host =>
        {
            var to = result.GetValue(person)!;
            long? target = to.Equals("none", StringComparison.OrdinalIgnoreCase) ? null
                : long.TryParse(to, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number
                : throw new Errors.InvalidInputException(to, $"person must be a person's id or none, not '{to}'");
            await host.Get<LibraryPeople>().MoveFaceAsync(result.GetValue(face), target, result.GetValue(notAPerson), cancellationToken).ConfigureAwait(false);
            Console.WriteLine(result.GetValue(notAPerson) ? $"Face {result.GetValue(face)} is not a person." : $"Face {result.GetValue(face)} belongs to {to}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Regroup()
    {
        var command = new Command("regroup", "Group every face again (names, merges and moves are kept)");
        EngineArguments.AddTo(command, EngineArguments.Db);
        command.SetAction((result, cancellationToken) => CommandBoundary.RunAsync(result, async host =>
        {
            var made = await host.Get<LibraryPeople>().RegroupAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"Regrouped: {made:N0} new people.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Argument<long> PersonId(string name, string description) => new(name) { Description = description };

    private static string Describe(PersonSummary person) =>
        string.Create(CultureInfo.InvariantCulture, $"person {person.Id}{(person.Name is { } name ? $" ({SafeConsole.Line(name)})" : "")}, {person.Faces:N0} faces in {person.Photos:N0} photos");
}

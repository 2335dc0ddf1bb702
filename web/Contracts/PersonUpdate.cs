using System.Text.Json.Serialization;

namespace Retrieval.Web.Contracts;

/// <summary>
/// The body of <c>PUT /api/people/{id}</c>: <c>{"name": "..."}</c> (null or empty takes the name away) and/or
/// <c>{"hidden": true}</c>. A field left out is left as it is.
/// </summary>
public sealed class PersonUpdate
{
    private string? _name;

    /// <summary>The new name; null or blank removes it.</summary>
    public string? Name
    {
        get => _name;
        // The serializer calls the setter only for a field the body holds: "name": null removes the name, no "name" keeps it.
        set => (_name, HasName) = (value, true);
    }

    /// <summary>Whether the body holds a name at all (null counts).</summary>
    [JsonIgnore]
    public bool HasName { get; private set; }

    /// <summary>Hide the person (true), show them again (false), or leave it (absent).</summary>
    public bool? Hidden { get; set; }
}

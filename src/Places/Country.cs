namespace Retrieval.Places;

/// <summary>A country (or territory with its own ISO code) a place lies in.</summary>
/// <param name="Code">ISO 3166-1 alpha-2 code, upper case ("FR"); "XK" for Kosovo.</param>
/// <param name="Name">The common English name ("United States", not "United States of America").</param>
/// <param name="ChineseName">The name in simplified Chinese ("美国"), for searches written in Chinese.</param>
/// <param name="Aliases">Other English names people search by ("USA", "UK", "Turkey", "Holland").</param>
public sealed record Country(string Code, string Name, string ChineseName, IReadOnlyList<string> Aliases);

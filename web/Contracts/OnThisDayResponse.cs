namespace Retrieval.Web.Contracts;

/// <summary>The photos taken on a day of the year (<c>MM-DD</c>) in earlier years, by year, newest first.</summary>
public sealed record OnThisDayResponse(string Date, IReadOnlyList<OnThisDayYear> Years);

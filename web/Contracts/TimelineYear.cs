namespace Retrieval.Web.Contracts;

/// <summary>One year of the timeline: how many photos, and its months that hold any, newest first.</summary>
public sealed record TimelineYear(int Year, long Count, IReadOnlyList<TimelineMonth> Months);

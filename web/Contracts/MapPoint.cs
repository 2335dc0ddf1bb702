namespace Retrieval.Web.Contracts;

/// <summary>The photos taken in one cell of the map's grid: their mean position, how many, and a cover photo's id.</summary>
public sealed record MapPoint(double Latitude, double Longitude, long Count, long Cover);

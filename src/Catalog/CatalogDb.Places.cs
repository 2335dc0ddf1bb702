namespace Retrieval.Catalog;

/// <summary>Where photos were taken: the <c>places</c> rows the places analyzer writes, and what browsing by place reads.</summary>
public sealed partial class CatalogDb
{
    /// <inheritdoc />
    public void RecordPlace(long id, PhotoPlace? place, string version)
    {
        ArgumentException.ThrowIfNullOrEmpty(version);
        Execute("""
            INSERT OR REPLACE INTO places (photo_id, name, city, region, country, code, distance_km, version)
            VALUES ($id, $name, $city, $region, $country, $code, $distance, $version)
            """, ("$id", id), ("$name", place?.Name), ("$city", place?.City), ("$region", place?.Region), ("$country", place?.Country), ("$code", place?.Code),
            ("$distance", place?.DistanceKm), ("$version", version));
    }

    /// <inheritdoc />
    public void ForgetPlace(long id) => Execute("DELETE FROM places WHERE photo_id = $id", ("$id", id));

    /// <inheritdoc />
    public IReadOnlyList<(long Id, double Latitude, double Longitude)> PositionsToPlace(string version)
    {
        using var command = Command("""
            SELECT id, latitude, longitude FROM photos
            WHERE status = 'indexed' AND latitude IS NOT NULL AND longitude IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM places WHERE places.photo_id = photos.id AND places.version = $version)
            ORDER BY id
            """, ("$version", version));
        using var reader = command.ExecuteReader();
        var positions = new List<(long, double, double)>();
        while (reader.Read())
        {
            positions.Add((reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2)));
        }

        return positions;
    }

    /// <inheritdoc />
    public IReadOnlyList<PlacedPhoto> PlacedPhotos()
    {
        using var command = Command("""
            SELECT photos.id, photos.taken_at, places.name, places.city, places.region, places.country, places.code, places.distance_km
            FROM places JOIN photos ON photos.id = places.photo_id
            WHERE photos.status = 'indexed' AND places.code IS NOT NULL
            """);
        using var reader = command.ExecuteReader();
        var photos = new List<PlacedPhoto>();
        while (reader.Read())
        {
            photos.Add(new PlacedPhoto(reader.GetInt64(0), NullableText(reader, 1), PlaceAt(reader, 2)!));
        }

        return photos;
    }
}

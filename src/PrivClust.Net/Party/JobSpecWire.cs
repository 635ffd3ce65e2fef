using PrivClust.Core.Clustering;
using Proto = PrivClust.Protos.V1;

namespace PrivClust.Net.Party;

/// <summary>Maps <see cref="JobSpec"/> to and from its wire mirror.</summary>
public static class JobSpecWire
{
    public static Proto.JobSpec ToWire(JobSpec spec)
    {
        var wire = new Proto.JobSpec
        {
            Algorithm = spec.Algorithm switch { Algorithm.KMeans => Proto.Algorithm.Kmeans, Algorithm.MeanShift => Proto.Algorithm.Meanshift, _ => Proto.Algorithm.Elbow },
            KMin = spec.KMin,
            Partition = spec.Partition == Partition.Horizontal ? Proto.Partition.Horizontal : Proto.Partition.Vertical,
            IdColumn = spec.IdColumn ?? "",
            K = spec.K,
            Init = (Proto.InitMethod)((int)spec.Init + 1),
            NInit = spec.NInit,
            Bandwidth = spec.Bandwidth,
            Dust = spec.Dust,
            MaxIter = spec.MaxIter,
            Scale = (Proto.Scaling)((int)spec.Scale + 1),
            FractionalBits = spec.FractionalBits,
            ValueBound = spec.ValueBound,
            Seed = spec.Seed,
            RevealSizes = spec.Reveal.HasFlag(RevealPolicy.Sizes),
            RevealInertia = spec.Reveal.HasFlag(RevealPolicy.Inertia),
        };
        wire.Columns.AddRange(spec.Columns);
        wire.InitialCentroids.AddRange(Rows(spec.InitialCentroids));
        wire.Seeds.AddRange(Rows(spec.Seeds));
        return wire;
    }

    /// <summary>The job spec, or an <see cref="ArgumentException"/> naming an unset or unknown field.</summary>
    public static JobSpec FromWire(Proto.JobSpec wire) => new()
    {
        Algorithm = wire.Algorithm switch
        {
            Proto.Algorithm.Kmeans => Algorithm.KMeans,
            Proto.Algorithm.Meanshift => Algorithm.MeanShift,
            Proto.Algorithm.Elbow => Algorithm.Elbow,
            _ => throw new ArgumentException($"algorithm: {wire.Algorithm} is not a known algorithm."),
        },
        Partition = wire.Partition == Proto.Partition.Vertical ? Partition.Vertical : Partition.Horizontal,
        Columns = [.. wire.Columns],
        IdColumn = wire.IdColumn.Length == 0 ? null : wire.IdColumn,
        K = wire.K,
        KMin = wire.KMin == 0 ? 1 : wire.KMin,
        Init = wire.Init == Proto.InitMethod.Unspecified ? InitMethod.Farthest : Known((InitMethod)((int)wire.Init - 1), "init"),
        InitialCentroids = wire.InitialCentroids.Count == 0 ? null : [.. wire.InitialCentroids.Select(r => r.Values.ToArray())],
        NInit = wire.NInit == 0 ? 1 : wire.NInit,
        Bandwidth = wire.Bandwidth,
        Dust = wire.Dust,
        Seeds = wire.Seeds.Count == 0 ? null : [.. wire.Seeds.Select(r => r.Values.ToArray())],
        MaxIter = wire.MaxIter == 0 ? 300 : wire.MaxIter,
        Scale = wire.Scale == Proto.Scaling.Unspecified ? Scaling.None : Known((Scaling)((int)wire.Scale - 1), "scale"),
        FractionalBits = wire.FractionalBits == 0 ? Core.Arithmetic.FixedPoint.DefaultFractionalBits : wire.FractionalBits,
        ValueBound = wire.ValueBound,
        Seed = wire.Seed,
        Reveal = (wire.RevealSizes ? RevealPolicy.Sizes : RevealPolicy.None) | (wire.RevealInertia ? RevealPolicy.Inertia : RevealPolicy.None),
    };

    private static T Known<T>(T value, string field) where T : struct, Enum =>
        Enum.IsDefined(value) ? value : throw new ArgumentException($"--{field}: unknown value {Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) + 1}.");

    private static IEnumerable<Proto.Row> Rows(IReadOnlyList<double[]>? rows) =>
        (rows ?? []).Select(r => { var row = new Proto.Row(); row.Values.AddRange(r); return row; });
}

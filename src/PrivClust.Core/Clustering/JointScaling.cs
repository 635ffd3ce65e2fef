using System.Runtime.InteropServices;
using PrivClust.Core.Protocols;

namespace PrivClust.Core.Clustering;

/// <summary>
/// Per-column scaling statistics of the joint data, revealed to both parties (and only them):
/// <c>standard</c> reveals each column's joint mean and standard deviation — with two parties that is
/// equivalent to revealing each party's column sums and sums of squares, which is what is exchanged;
/// <c>minmax</c> reveals each column's joint minimum and maximum, chosen by secure comparison so that the
/// other party's extreme is not revealed when it is not the joint one. Data is scaled locally by each party.
/// </summary>
internal static class JointScaling
{
    /// <summary>(offset, scale) per job column: x' = (x − offset) / scale. Identity for <see cref="Scaling.None"/>.</summary>
    public static (double Offset, double Scale)[] Compute(PartySession session, JobSpec spec, JobShape shape, PartyDataset own)
    {
        int d = shape.TotalColumns(spec.Partition);
        if (spec.Scale == Scaling.None)
        {
            return Enumerable.Repeat((0.0, 1.0), d).ToArray();
        }
        return spec.Scale == Scaling.Standard ? Standard(session, spec, own, d) : MinMax(session, spec, own, d);
    }

    private static (double, double)[] Standard(PartySession session, JobSpec spec, PartyDataset own, int d)
    {
        double[] mine = new double[1 + 2 * own.Columns];
        mine[0] = own.Rows;
        for (int i = 0; i < own.Rows; i++)
        {
            for (int j = 0; j < own.Columns; j++)
            {
                double v = own[i, j];
                mine[1 + j] += v;
                mine[1 + own.Columns + j] += v * v;
            }
        }
        double[] a, b;
        (a, b) = ExchangeStatistics(session, mine, spec.Partition == Partition.Horizontal ? mine.Length : 1 + 2 * (d - own.Columns));
        var result = new (double, double)[d];
        for (int j = 0; j < d; j++)
        {
            (double n, double sum, double squares) = spec.Partition == Partition.Horizontal
                ? (a[0] + b[0], a[1 + j] + b[1 + j], a[1 + d + j] + b[1 + d + j])
                : Column(j, a, b);
            double mean = sum / n;
            double variance = Math.Max(0, squares / n - mean * mean);
            double std = Math.Sqrt(variance);
            result[j] = (mean, std > 0 ? std : 1.0);
        }
        return result;
    }

    /// <summary>Vertical: column j belongs to a (its first columns) or b; statistics are that party's.</summary>
    private static (double N, double Sum, double Squares) Column(int j, double[] a, double[] b)
    {
        int da = (a.Length - 1) / 2;
        return j < da ? (a[0], a[1 + j], a[1 + da + j]) : (b[0], b[1 + j - da], b[1 + (b.Length - 1) / 2 + j - da]);
    }

    private static (double[] A, double[] B) ExchangeStatistics(PartySession session, double[] mine, int theirLength)
    {
        double[] theirs = new double[theirLength];
        session.Channel.Exchange(MemoryMarshal.AsBytes(mine.AsSpan()), MemoryMarshal.AsBytes(theirs.AsSpan()));
        session.Observe("scaling statistics", OpeningKind.Output, MemoryMarshal.Cast<double, ulong>(theirs));
        return session.IsParty0 ? (mine, theirs) : (theirs, mine);
    }

    private static (double, double)[] MinMax(PartySession session, JobSpec spec, PartyDataset own, int d)
    {
        if (spec.Partition == Partition.Vertical)
        {
            double[] mine = new double[1 + 2 * own.Columns];
            mine[0] = own.Rows;
            for (int j = 0; j < own.Columns; j++)
            {
                mine[1 + j] = Enumerable.Range(0, own.Rows).Min(i => own[i, j]);
                mine[1 + own.Columns + j] = Enumerable.Range(0, own.Rows).Max(i => own[i, j]);
            }
            var (a, b) = ExchangeStatistics(session, mine, 1 + 2 * (d - own.Columns));
            return Enumerable.Range(0, d).Select(j => { var c = Column(j, a, b); return Range(c.Sum, c.Squares); }).ToArray();
        }
        double[] minimum = new double[d], maximum = new double[d];
        for (int j = 0; j < d; j++)
        {
            minimum[j] = own.Rows == 0 ? double.MaxValue : Enumerable.Range(0, own.Rows).Min(i => own[i, j]);
            maximum[j] = own.Rows == 0 ? double.MinValue : Enumerable.Range(0, own.Rows).Max(i => own[i, j]);
        }
        double[] low = SecureExtremes(session, minimum, takeSmaller: true);
        double[] high = SecureExtremes(session, maximum, takeSmaller: false);
        return Enumerable.Range(0, d).Select(j => Range(low[j], high[j])).ToArray();
    }

    private static (double, double) Range(double low, double high) => (low, high > low ? high - low : 1.0);

    /// <summary>
    /// The smaller (or larger) of a's and b's value per column, revealing only it: compare order-preserving
    /// 61-bit keys of the doubles, select the winning double's bit pattern, open it.
    /// </summary>
    private static double[] SecureExtremes(PartySession session, double[] own, bool takeSmaller)
    {
        int d = own.Length;
        ulong[] keys = own.Select(Key).ToArray();
        ulong[] bits = own.Select(v => (ulong)BitConverter.DoubleToInt64Bits(v)).ToArray();
        ulong[] keyA = new ulong[d], keyB = new ulong[d], bitsA = new ulong[d], bitsB = new ulong[d];
        Sharing.Input(session, 0, session.IsParty0 ? keys : [], keyA);
        Sharing.Input(session, 1, session.IsParty0 ? [] : keys, keyB);
        Sharing.Input(session, 0, session.IsParty0 ? bits : [], bitsA);
        Sharing.Input(session, 1, session.IsParty0 ? [] : bits, bitsB);
        ulong[] diff = new ulong[d], bWins = new ulong[d], chosen = new ulong[d], opened = new ulong[d];
        Arithmetic.Ring.Subtract(takeSmaller ? keyB : keyA, takeSmaller ? keyA : keyB, diff);
        Comparison.LessThanZero<ulong>(session, diff, bWins);
        Selection.Select(session, bWins, bitsB, bitsA, chosen);
        Sharing.Open<ulong>(session, chosen, opened, OpeningKind.Output, takeSmaller ? "column minimum" : "column maximum");
        return opened.Select(v => BitConverter.Int64BitsToDouble((long)v)).ToArray();
    }

    /// <summary>An order-preserving signed key of a finite double, in 61 bits so that differences cannot wrap.</summary>
    private static ulong Key(double v)
    {
        long bits = BitConverter.DoubleToInt64Bits(v);
        long magnitude = bits & long.MaxValue;
        return (ulong)((bits < 0 ? -magnitude : magnitude) >> 2);
    }
}

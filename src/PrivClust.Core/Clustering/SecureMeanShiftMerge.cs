using PrivClust.Core.Protocols;

namespace PrivClust.Core.Clustering;

/// <summary>
/// scikit-learn's merge of converged seeds, obliviously: order the seeds by (window size, coordinates)
/// descending, drop seeds with an empty window, and keep a seed only if no kept seed before it lies within the
/// bandwidth. Ranks come from all pairwise comparisons; the sorted order is applied with a secret permutation
/// matrix; suppression runs seed by seed on shares; the kept seeds are moved to the front obliviously. Opened:
/// the number of kept seeds (the output's size) and their positions, in order.
/// </summary>
internal static class SecureMeanShiftMerge
{
    public static double[] Merge(PartySession session, ulong[] position, ulong[] intensity, int m, int d, ulong r2)
    {
        if (PlanRehearsal.Worth(session, (long)m * m))
        {
            // Its ~40 small requests (m = 8) were a dealer round trip each; the part after the opened count is left.
            session.Correlations.Prefetch(PlanRehearsal.Record(session,
                s => Kept(s, new ulong[position.Length], new ulong[m], m, d, r2))[0]);
        }
        (ulong[] keep, ulong[] keptRows) = Kept(session, position, intensity, m, d, r2);
        ulong[] centres = Compact(session, keep, keptRows, m, d);
        ulong[] opened = new ulong[centres.Length];
        Sharing.Open<ulong>(session, centres, opened, OpeningKind.Output, "centroids");
        return opened.Select(v => session.FixedPoint.Decode(v)).ToArray();
    }

    /// <summary>
    /// The merge up to the opening of the centre count: the keep bits of the sorted seeds and the sorted rows times them.
    /// What it asks the dealer for depends on m and d only (nothing is opened before the count), so <see cref="Merge"/>
    /// rehearses it and announces it first.
    /// </summary>
    private static (ulong[] Keep, ulong[] KeptRows) Kept(PartySession session, ulong[] position, ulong[] intensity, int m, int d, ulong r2)
    {
        ulong[] rank = Ranks(session, position, intensity, m, d);
        ulong[] permutation = Permutation(session, rank, m);
        ulong[] valid = new ulong[m];
        Equality.IsZeroNonNegative(session, intensity, valid);
        Selection.Not(session, valid, valid);
        // Sorted rows: [position (d) | valid (1)] = Π · rows, as m·m·(d+1) products in one round.
        int w = d + 1;
        ulong[] left = new ulong[m * m * w], right = new ulong[left.Length];
        for (int r = 0; r < m; r++)
        {
            for (int s = 0; s < m; s++)
            {
                for (int j = 0; j < w; j++)
                {
                    left[(r * m + s) * w + j] = permutation[r * m + s];
                    right[(r * m + s) * w + j] = j < d ? position[s * d + j] : valid[s];
                }
            }
        }
        ulong[] products = new ulong[left.Length];
        Multiplication.Multiply<ulong>(session, left, right, products);
        ulong[] sorted = new ulong[m * w];
        for (int i = 0; i < products.Length; i++)
        {
            sorted[(i / (m * w)) * w + i % w] += products[i];
        }
        ulong[] keep = Suppress(session, sorted, m, d, r2);
        return (keep, KeptRows(session, sorted, keep, m, d));
    }

    /// <summary>keep_r·p_r for the sorted rows (1 round).</summary>
    private static ulong[] KeptRows(PartySession session, ulong[] sorted, ulong[] keep, int m, int d)
    {
        int w = d + 1;
        ulong[] keepWide = new ulong[m * d], rows = new ulong[m * d], keptRows = new ulong[m * d];
        for (int r = 0; r < m; r++)
        {
            for (int j = 0; j < d; j++)
            {
                keepWide[r * d + j] = keep[r];
                rows[r * d + j] = sorted[r * w + j];
            }
        }
        Multiplication.Multiply<ulong>(session, keepWide, rows, keptRows);
        return keptRows;
    }

    /// <summary>
    /// The kept rows moved to the front, in order, without revealing which rows they were: slot j receives
    /// Σ_r [pos_r = j]·keep_r·p_r with pos_r = Σ_{q&lt;r} keep_q (a dropped row r shares pos_r with the next kept row but
    /// adds 0). Only the count K is opened (the output's size); slots j &lt; K need [pos_r = j] for j ≤ r &lt; m. 1 round
    /// (keep·p, <see cref="KeptRows"/>) + 1 (K) + 9 (equality) + 1 (slot sums).
    /// </summary>
    private static ulong[] Compact(PartySession session, ulong[] keep, ulong[] keptRows, int m, int d)
    {
        ulong[] count = [keep.Aggregate(0UL, (a, b) => a + b)], opened = new ulong[1];
        Sharing.Open<ulong>(session, count, opened, OpeningKind.Output, "centre count");
        int k = (int)Math.Min(opened[0], (ulong)m);
        if (k == 0)
        {
            throw new InvalidJobException("mean-shift: every seed had an empty window; choose a larger --bandwidth or other seeds");
        }
        (List<(int J, int R)> slots, ulong[] lands) = Landings(session, keep, m, k);
        ulong[] left = new ulong[slots.Count * d], right = new ulong[left.Length], products = new ulong[left.Length];
        for (int i = 0; i < slots.Count; i++)
        {
            for (int c = 0; c < d; c++)
            {
                left[i * d + c] = lands[i];
                right[i * d + c] = keptRows[slots[i].R * d + c];
            }
        }
        Multiplication.Multiply<ulong>(session, left, right, products);
        ulong[] centres = new ulong[k * d];
        for (int i = 0; i < slots.Count; i++)
        {
            for (int c = 0; c < d; c++)
            {
                centres[slots[i].J * d + c] += products[i * d + c];
            }
        }
        return centres;
    }

    /// <summary>[pos_r = j] for the slots j &lt; k and the rows r ≥ j that can land there (pos_r = Σ_{q&lt;r} keep_q ≤ r).</summary>
    private static (List<(int J, int R)> Slots, ulong[] Lands) Landings(PartySession session, ulong[] keep, int m, int k)
    {
        ulong[] position = new ulong[m];
        for (int r = 1; r < m; r++)
        {
            position[r] = position[r - 1] + keep[r - 1];
        }
        var slots = new List<(int J, int R)>();
        var diff = new List<ulong>();
        for (int j = 0; j < k; j++)
        {
            for (int r = j; r < m; r++)
            {
                slots.Add((j, r));
                diff.Add(position[r] - (session.IsParty0 ? (ulong)j : 0));
            }
        }
        ulong[] lands = new ulong[diff.Count];
        Equality.IsZero(session, diff.ToArray(), lands);
        return (slots, lands);
    }

    /// <summary>rank_s = #{t: key_t &gt; key_s} + #{t &lt; s: key_t = key_s}, key = (intensity, x_0, …, x_{d−1}).</summary>
    private static ulong[] Ranks(PartySession session, ulong[] position, ulong[] intensity, int m, int d)
    {
        int w = d + 1, pairs = m * m;
        // For every ordered pair (t, s) and key component c: [key_t,c > key_s,c] and [key_t,c < key_s,c].
        ulong[] probes = new ulong[pairs * w * 2];
        for (int t = 0; t < m; t++)
        {
            for (int s = 0; s < m; s++)
            {
                for (int c = 0; c < w; c++)
                {
                    ulong kt = c == 0 ? intensity[t] : position[t * d + c - 1];
                    ulong ks = c == 0 ? intensity[s] : position[s * d + c - 1];
                    int at = ((t * m + s) * w + c) * 2;
                    probes[at] = ks - kt;       // < 0 ⇔ key_t > key_s
                    probes[at + 1] = kt - ks;   // < 0 ⇔ key_t < key_s
                }
            }
        }
        ulong[] negative = new ulong[probes.Length];
        Comparison.LessThanZero<ulong>(session, probes, negative);
        ulong one = session.IsParty0 ? 1UL : 0UL;
        // Lexicographic: greater = g_0 + e_0·(g_1 + e_1·(… g_d)), evaluated from the last component (d rounds).
        ulong[] greater = new ulong[pairs], equal = new ulong[pairs];
        for (int p = 0; p < pairs; p++)
        {
            greater[p] = negative[(p * w + d) * 2];
            equal[p] = one - greater[p] - negative[(p * w + d) * 2 + 1];
        }
        for (int c = d - 1; c >= 0; c--)
        {
            ulong[] e = new ulong[pairs], x = [.. e, .. e], y = [.. greater, .. equal];
            for (int p = 0; p < pairs; p++)
            {
                ulong g = negative[(p * w + c) * 2], l = negative[(p * w + c) * 2 + 1];
                x[p] = x[pairs + p] = one - g - l;      // e_c
                e[p] = g;
            }
            ulong[] z = new ulong[2 * pairs];
            Multiplication.Multiply<ulong>(session, x, y, z);
            for (int p = 0; p < pairs; p++)
            {
                greater[p] = e[p] + z[p];
                equal[p] = z[pairs + p];
            }
        }
        ulong[] rank = new ulong[m];
        for (int s = 0; s < m; s++)
        {
            for (int t = 0; t < m; t++)
            {
                if (t != s)
                {
                    rank[s] += greater[t * m + s] + (t < s ? equal[t * m + s] : 0);
                }
            }
        }
        return rank;
    }

    /// <summary>Π[r, s] = [rank_s = r] (m² equality tests).</summary>
    private static ulong[] Permutation(PartySession session, ulong[] rank, int m)
    {
        ulong[] diff = new ulong[m * m];
        for (int r = 0; r < m; r++)
        {
            for (int s = 0; s < m; s++)
            {
                diff[r * m + s] = rank[s] - (session.IsParty0 ? (ulong)r : 0);
            }
        }
        ulong[] permutation = new ulong[m * m];
        Equality.IsZero(session, diff, permutation);
        return permutation;
    }

    /// <summary>keep_r = valid_r ∧ ¬∃ q &lt; r: keep_q ∧ ||p_r − p_q||² ≤ R², in sorted order.</summary>
    private static ulong[] Suppress(PartySession session, ulong[] sorted, int m, int d, ulong r2)
    {
        int w = d + 1;
        var pairs = new List<(int R, int Q)>();
        for (int r = 1; r < m; r++)
        {
            for (int q = 0; q < r; q++)
            {
                pairs.Add((r, q));
            }
        }
        ulong[] diff = new ulong[pairs.Count * d];
        for (int p = 0; p < pairs.Count; p++)
        {
            for (int j = 0; j < d; j++)
            {
                diff[p * d + j] = sorted[pairs[p].R * w + j] - sorted[pairs[p].Q * w + j];
            }
        }
        ulong[] squares = new ulong[diff.Length];
        Multiplication.Square(session, diff, squares);
        ulong[] outside = SharedData.RowSums(squares, pairs.Count, d);
        for (int p = 0; p < outside.Length; p++)
        {
            outside[p] = r2 - outside[p];           // < 0 ⇔ farther than R
        }
        ulong[] far = new ulong[outside.Length];
        Comparison.LessThanZero<ulong>(session, outside, far);
        ulong one = session.IsParty0 ? 1UL : 0UL;
        ulong[] keep = new ulong[m];
        keep[0] = sorted[d];
        for (int r = 1, at = 0; r < m; r++)
        {
            // free = Π_{q<r} (1 − keep_q·close_rq) = Π_{q<r} (1 − keep_q + keep_q·far_rq), then keep_r = valid_r · free.
            ulong[] kq = keep[..r], farRow = far[at..(at + r)];
            at += r;
            ulong[] kf = new ulong[r];
            Multiplication.Multiply<ulong>(session, kq, farRow, kf);
            ulong[] factors = new ulong[r + 1];
            for (int q = 0; q < r; q++)
            {
                factors[q] = one - kq[q] + kf[q];
            }
            factors[r] = sorted[r * w + d];
            keep[r] = Product(session, factors);
        }
        return keep;
    }

    /// <summary>The product of shared values by a tree of multiplications (⌈log2 n⌉ rounds).</summary>
    private static ulong Product(PartySession session, ulong[] values)
    {
        while (values.Length > 1)
        {
            int half = values.Length / 2;
            ulong[] z = new ulong[half];
            Multiplication.Multiply<ulong>(session, values.AsSpan(0, half), values.AsSpan(half, half), z);
            values = values.Length % 2 == 0 ? z : [.. z, values[^1]];
        }
        return values[0];
    }
}

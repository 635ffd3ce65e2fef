using System.Security.Cryptography;
using System.Text;
using PrivClust.Core.Protocols;

namespace PrivClust.Core.Clustering;

/// <summary>
/// Vertical partitioning: both parties order their rows by id (ordinal), then check that the two sorted id
/// lists are equal without revealing ids: each id becomes a 62-bit hash, both hash vectors are shared, and
/// one bit — "all equal" — is opened (n equality tests and one comparison).
/// </summary>
internal static class IdAlignment
{
    /// <summary>The permutation that sorts this party's rows by id.</summary>
    public static int[] SortOrder(IReadOnlyList<string> ids) =>
        Enumerable.Range(0, ids.Count).OrderBy(i => ids[i], StringComparer.Ordinal).ToArray();

    public static void CheckSameIds(PartySession session, IReadOnlyList<string> ids, int[] order)
    {
        int n = order.Length;
        ulong[] hashes = order.Select(i => Hash(ids[i])).ToArray();
        ulong[] a = new ulong[n], b = new ulong[n], diff = new ulong[n], equal = new ulong[n];
        Sharing.Input(session, 0, session.IsParty0 ? hashes : [], a);
        Sharing.Input(session, 1, session.IsParty0 ? [] : hashes, b);
        Arithmetic.Ring.Subtract<ulong>(a, b, diff);
        Equality.IsZero(session, diff, equal);
        ulong matching = 0;
        foreach (ulong e in equal)
        {
            matching += e;
        }
        ulong mismatches = (session.IsParty0 ? (ulong)n : 0) - matching;
        ulong[] none = new ulong[1];
        Equality.IsZeroNonNegative(session, [mismatches], none);
        if (!Sharing.OpenFlags(session, none, "ids match")[0])
        {
            throw new InvalidJobException("--id-column: the two parties' id sets differ (vertical partitioning needs the same entities on both sides)");
        }
    }

    private static ulong Hash(string id)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(id), digest);
        return BitConverter.ToUInt64(digest) >> 2;
    }
}

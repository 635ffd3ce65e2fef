namespace PrivClust.Core.Protocols;

/// <summary>
/// Quotients and sign tests one B2A short (<see cref="LookupDivision.DivideToBorrows"/>): with b_i the borrow bits (binary
/// shares, packed), quotient i is <see cref="Base"/>[i] − b_i for i &lt; <see cref="Quotients"/>, and extra sign test j is
/// <see cref="Base"/>[Quotients + j] + b_(Quotients + j). A caller finishes them with a B2A, or folds b into bit × value
/// products of its next round.
/// </summary>
internal sealed record PendingQuotients(ulong[] Base, ulong[] BorrowBits, int Quotients);

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;
using Sse2 = System.Runtime.Intrinsics.X86.Sse2;

namespace PrivClust.Core.Random;

/// <summary>
/// AES-128 in counter mode: block i of the stream is AES_k(i) with i a 128-bit little-endian counter.
/// Uses AES-NI through <see cref="X86Aes"/> when the processor has it (eight blocks in flight), and
/// <see cref="System.Security.Cryptography.Aes"/> in ECB mode over counter blocks otherwise; both give the same stream.
/// Every fill consumes whole 16-byte blocks, so two instances with the same key stay in step as long as
/// they make the same sequence of calls. Not thread-safe; one instance per (session, purpose, party).
/// </summary>
public sealed class AesCtrPrg
{
    private const int BlockBytes = 16;
    private readonly Vector128<byte>[] _roundKeys = new Vector128<byte>[11];
    private readonly System.Security.Cryptography.Aes? _fallback;
    private UInt128 _counter;

    public AesCtrPrg(ReadOnlySpan<byte> key)
    {
        if (key.Length != 16)
        {
            throw new ArgumentException("An AES-128 key has 16 bytes.", nameof(key));
        }
        if (X86Aes.IsSupported)
        {
            ExpandKey(key);
        }
        else
        {
            _fallback = System.Security.Cryptography.Aes.Create();
            _fallback.Key = key.ToArray();
        }
    }

    /// <summary>Number of 16-byte blocks produced so far (the stream position).</summary>
    public UInt128 BlocksUsed => _counter;

    /// <summary>Moves the stream to block <paramref name="blocks"/> (a position read from <see cref="BlocksUsed"/>, to resume a stream).</summary>
    public void Seek(UInt128 blocks) => _counter = blocks;

    /// <summary>A generator keyed by HMAC-SHA256(seed, purpose), truncated to 128 bits.</summary>
    public static AesCtrPrg Derive(ReadOnlySpan<byte> seed, string purpose)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(seed, System.Text.Encoding.UTF8.GetBytes(purpose), mac);
        return new AesCtrPrg(mac[..16]);
    }

    /// <summary>Fills <paramref name="destination"/> with pseudo-random values.</summary>
    public void Fill<T>(Span<T> destination) where T : unmanaged => FillBytes(MemoryMarshal.AsBytes(destination));

    public ulong NextUInt64()
    {
        Span<ulong> one = stackalloc ulong[2];
        Fill(one);
        return one[0];
    }

    /// <summary>A uniform integer in [0, bound), by rejection sampling.</summary>
    public ulong NextBelow(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        ulong limit = ulong.MaxValue - (ulong.MaxValue % bound + 1) % bound;
        while (true)
        {
            ulong x = NextUInt64();
            if (x <= limit)
            {
                return x % bound;
            }
        }
    }

    public void FillBytes(Span<byte> destination)
    {
        int whole = destination.Length / BlockBytes * BlockBytes;
        if (_fallback is null)
        {
            EncryptCounters(destination[..whole]);
        }
        else
        {
            EncryptCountersFallback(destination[..whole]);
        }
        if (whole < destination.Length)
        {
            Span<byte> last = stackalloc byte[BlockBytes];
            if (_fallback is null) { EncryptCounters(last); } else { EncryptCountersFallback(last); }
            last[..(destination.Length - whole)].CopyTo(destination[whole..]);
        }
    }

    private void EncryptCountersFallback(Span<byte> destination)
    {
        Span<UInt128> blocks = MemoryMarshal.Cast<byte, UInt128>(destination);
        for (int i = 0; i < blocks.Length; i++)
        {
            blocks[i] = _counter++;
        }
        _fallback!.EncryptEcb(destination, destination, PaddingMode.None);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EncryptCounters(Span<byte> destination)
    {
        Span<Vector128<byte>> blocks = MemoryMarshal.Cast<byte, Vector128<byte>>(destination);
        ReadOnlySpan<Vector128<byte>> k = _roundKeys;
        Vector128<byte> k0 = k[0], k1 = k[1], k2 = k[2], k3 = k[3], k4 = k[4], k5 = k[5];
        Vector128<byte> k6 = k[6], k7 = k[7], k8 = k[8], k9 = k[9], k10 = k[10];
        Vector128<ulong> ctr = Vector128.Create((ulong)_counter, (ulong)(_counter >> 64));
        Vector128<ulong> one = Vector128.Create(1UL, 0UL);
        int i = 0;
        if ((ulong)_counter <= ulong.MaxValue - (ulong)blocks.Length)
        {
            for (; i + 4 <= blocks.Length; i += 4)
            {
                Vector128<byte> b0 = Sse2.Xor(ctr.AsByte(), k0);
                Vector128<byte> b1 = Sse2.Xor(Sse2.Add(ctr, one).AsByte(), k0);
                Vector128<byte> b2 = Sse2.Xor(Sse2.Add(ctr, one + one).AsByte(), k0);
                Vector128<byte> b3 = Sse2.Xor(Sse2.Add(ctr, one + one + one).AsByte(), k0);
                ctr = Sse2.Add(ctr, one + one + one + one);
                Round(ref b0, ref b1, ref b2, ref b3, k1); Round(ref b0, ref b1, ref b2, ref b3, k2);
                Round(ref b0, ref b1, ref b2, ref b3, k3); Round(ref b0, ref b1, ref b2, ref b3, k4);
                Round(ref b0, ref b1, ref b2, ref b3, k5); Round(ref b0, ref b1, ref b2, ref b3, k6);
                Round(ref b0, ref b1, ref b2, ref b3, k7); Round(ref b0, ref b1, ref b2, ref b3, k8);
                Round(ref b0, ref b1, ref b2, ref b3, k9);
                blocks[i] = X86Aes.EncryptLast(b0, k10);
                blocks[i + 1] = X86Aes.EncryptLast(b1, k10);
                blocks[i + 2] = X86Aes.EncryptLast(b2, k10);
                blocks[i + 3] = X86Aes.EncryptLast(b3, k10);
            }
            _counter += (UInt128)(uint)i;
        }
        for (; i < blocks.Length; i++)
        {
            Vector128<byte> b = Vector128.Create((ulong)_counter, (ulong)(_counter >> 64)).AsByte();
            _counter++;
            b = Sse2.Xor(b, k0);
            for (int r = 1; r < 10; r++)
            {
                b = X86Aes.Encrypt(b, k[r]);
            }
            blocks[i] = X86Aes.EncryptLast(b, k10);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ref Vector128<byte> b0, ref Vector128<byte> b1, ref Vector128<byte> b2, ref Vector128<byte> b3, Vector128<byte> key)
    {
        b0 = X86Aes.Encrypt(b0, key);
        b1 = X86Aes.Encrypt(b1, key);
        b2 = X86Aes.Encrypt(b2, key);
        b3 = X86Aes.Encrypt(b3, key);
    }

    private void ExpandKey(ReadOnlySpan<byte> key)
    {
        Vector128<byte> k = Vector128.Create(key);
        _roundKeys[0] = k;
        _roundKeys[1] = k = Step(k, X86Aes.KeygenAssist(k, 0x01));
        _roundKeys[2] = k = Step(k, X86Aes.KeygenAssist(k, 0x02));
        _roundKeys[3] = k = Step(k, X86Aes.KeygenAssist(k, 0x04));
        _roundKeys[4] = k = Step(k, X86Aes.KeygenAssist(k, 0x08));
        _roundKeys[5] = k = Step(k, X86Aes.KeygenAssist(k, 0x10));
        _roundKeys[6] = k = Step(k, X86Aes.KeygenAssist(k, 0x20));
        _roundKeys[7] = k = Step(k, X86Aes.KeygenAssist(k, 0x40));
        _roundKeys[8] = k = Step(k, X86Aes.KeygenAssist(k, 0x80));
        _roundKeys[9] = k = Step(k, X86Aes.KeygenAssist(k, 0x1b));
        _roundKeys[10] = Step(k, X86Aes.KeygenAssist(k, 0x36));

        static Vector128<byte> Step(Vector128<byte> key, Vector128<byte> assist)
        {
            assist = Sse2.Shuffle(assist.AsInt32(), 0xFF).AsByte();
            key = Sse2.Xor(key, Sse2.ShiftLeftLogical128BitLane(key, 4));
            key = Sse2.Xor(key, Sse2.ShiftLeftLogical128BitLane(key, 4));
            key = Sse2.Xor(key, Sse2.ShiftLeftLogical128BitLane(key, 4));
            return Sse2.Xor(key, assist);
        }
    }
}

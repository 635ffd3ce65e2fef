using System.Runtime.InteropServices;
using System.Security.Cryptography;
using PrivClust.Core.Random;

namespace PrivClust.Core.Tests.Random;

public class AesCtrPrgTests
{
    [Fact]
    public void Stream_equals_AES_ECB_of_little_endian_counters()
    {
        byte[] key = Enumerable.Range(1, 16).Select(i => (byte)(i * 7)).ToArray();
        var prg = new AesCtrPrg(key);
        byte[] stream = new byte[16 * 37];
        prg.FillBytes(stream.AsSpan(0, 16 * 5));
        prg.FillBytes(stream.AsSpan(16 * 5));

        UInt128[] counters = Enumerable.Range(0, 37).Select(i => (UInt128)i).ToArray();
        using var aes = Aes.Create();
        aes.Key = key;
        byte[] expected = aes.EncryptEcb(MemoryMarshal.AsBytes(counters.AsSpan()).ToArray(), PaddingMode.None);
        Assert.Equal(expected, stream);
    }

    [Fact]
    public void Known_answer_FIPS197_key_on_counter_zero()
    {
        // AES-128 of the zero block under key 000102..0f: FIPS-197 C.1 uses plaintext 00112233..; check via the system AES instead.
        byte[] key = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        using var aes = Aes.Create();
        aes.Key = key;
        byte[] plain = Convert.FromHexString("00112233445566778899aabbccddeeff");
        Assert.Equal("69c4e0d86a7b0430d8cdb78070b4c55a", Convert.ToHexString(aes.EncryptEcb(plain, PaddingMode.None)).ToLowerInvariant());
        var prg = new AesCtrPrg(key);
        byte[] first = new byte[16];
        prg.FillBytes(first);
        Assert.Equal(aes.EncryptEcb(new byte[16], PaddingMode.None), first);
    }

    [Fact]
    public void Derived_streams_differ_by_seed_and_purpose_and_repeat_for_equal_inputs()
    {
        byte[] seed = new byte[16];
        ulong a = AesCtrPrg.Derive(seed, "x").NextUInt64();
        Assert.Equal(a, AesCtrPrg.Derive(seed, "x").NextUInt64());
        Assert.NotEqual(a, AesCtrPrg.Derive(seed, "y").NextUInt64());
        seed[0] = 1;
        Assert.NotEqual(a, AesCtrPrg.Derive(seed, "x").NextUInt64());
    }

    [Fact]
    public void NextBelow_is_in_range_and_covers_it()
    {
        var prg = AesCtrPrg.Derive(new byte[16], "below");
        var seen = new HashSet<ulong>();
        for (int i = 0; i < 2000; i++)
        {
            ulong v = prg.NextBelow(7);
            Assert.InRange(v, 0UL, 6UL);
            seen.Add(v);
        }
        Assert.Equal(7, seen.Count);
    }

    [Fact]
    public void Partial_block_fill_consumes_a_whole_block()
    {
        var a = AesCtrPrg.Derive(new byte[16], "p");
        var b = AesCtrPrg.Derive(new byte[16], "p");
        byte[] three = new byte[3];
        a.FillBytes(three);
        byte[] sixteen = new byte[16];
        b.FillBytes(sixteen);
        Assert.Equal(sixteen[..3], three);
        Assert.Equal(a.NextUInt64(), b.NextUInt64());
    }
}

using PrivClust.Net.Hosting;

namespace PrivClust.Net.Tests.Hosting;

public class IdleHeapCollectorTests
{
    [Fact]
    public void The_heap_is_collected_once_when_the_last_of_overlapping_work_ends_and_not_before()
    {
        int collected = 0;
        var idle = new IdleHeapCollector(() => collected++);
        IDisposable first = idle.Enter(), second = idle.Enter();

        first.Dispose();
        Assert.Equal((0, 1), (collected, idle.Active));   // the second job still runs: nothing is forced on it
        second.Dispose();
        Assert.Equal((1, 0, 1L), (collected, idle.Active, idle.Collections));

        using (idle.Enter())
        {
            Assert.Equal(1, collected);
        }
        Assert.Equal(2, collected);
    }

    [Fact]
    public void Ending_the_same_work_twice_counts_once()
    {
        int collected = 0;
        var idle = new IdleHeapCollector(() => collected++);
        IDisposable other = idle.Enter(), work = idle.Enter();

        work.Dispose();
        work.Dispose();

        Assert.Equal((0, 1), (collected, idle.Active));
        other.Dispose();
        Assert.Equal((1, 0), (collected, idle.Active));
    }

    [Fact]
    public async Task Work_entering_and_leaving_from_many_threads_ends_idle_and_collected()
    {
        long collected = 0;
        var idle = new IdleHeapCollector(() => Interlocked.Increment(ref collected));
        using (idle.Enter())   // held throughout: no collection can run before the end
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            {
                for (int i = 0; i < 1000; i++)
                {
                    idle.Enter().Dispose();
                }
            })));
            Assert.Equal(0, Interlocked.Read(ref collected));
            Assert.Equal(1, idle.Active);
        }
        Assert.Equal((1L, 0), (Interlocked.Read(ref collected), idle.Active));
    }

    [Fact]
    public void The_default_collection_runs_the_young_generations()
    {
        var idle = new IdleHeapCollector();
        int before = GC.CollectionCount(1);

        idle.Enter().Dispose();

        Assert.True(GC.CollectionCount(1) > before, "no generation-1 collection ran");
    }
}

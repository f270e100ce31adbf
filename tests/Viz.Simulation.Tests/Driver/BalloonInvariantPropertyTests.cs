using CsCheck;
using Viz.Simulation.Driver;
using Viz.Simulation.Guest;
using Viz.Simulation.Host;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Tests.Machine;
using Viz.Simulation.Virtio;

namespace Viz.Simulation.Tests.Driver;

/// <summary>
/// Random interleavings of guest allocation, free and write with the balloon, hinting and reporting switched on and
/// off; after every step the invariants the real systems guarantee must hold.
/// </summary>
public sealed class BalloonInvariantPropertyTests
{
    private const long GuestBytes = 128L << 20;

    private static readonly Gen<Op> OpGen = Gen.Frequency(
        (6, Gen.Int[0, 3].Select(order => (Op)new AllocOp(order))),
        (5, Gen.Int[0, 10_000].Select(index => (Op)new FreeOp(index))),
        (4, Gen.Int[0, 10_000].Select(index => (Op)new WriteOp(index))),
        (4, Gen.Int[1, 3_000].Select(ms => (Op)new StepOp(ms))),
        (1, Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool, Gen.Bool, (hint, report, poison, oom) => (Op)new DeviceOp(new DeviceProperties
        {
            FreePageHint = hint,
            FreePageReporting = report,
            PagePoison = poison,
            DeflateOnOom = oom,
        }))),
        (2, Gen.Enum<HintAction>().Select(action => (Op)new HintOp(action))),
        (2, Gen.Int[0, 8_192].Select(pages => (Op)new BalloonOp(pages))));

    private static readonly Gen<Scenario> ScenarioGen = Gen.Select(
        Gen.Enum<PoisonMode>(),
        Gen.Bool,
        OpGen.Array[10, 40],
        (poison, overcommit, ops) => new Scenario(poison, overcommit, ops));

    [Fact]
    public void Every_step_keeps_states_rss_reported_marks_and_contents_consistent()
    {
        ScenarioGen.Sample(Run, iter: 25, threads: 1);
    }

    private static void Run(Scenario scenario)
    {
        GuestMachine simulation = BalloonTestBed.Create(
            new DeviceProperties { FreePageReporting = true, FreePageHint = true },
            scenario.Poison,
            new HostOptions { CapacityBytes = scenario.Overcommit ? GuestBytes / 2 : null },
            memory: GuestBytes);
        var owned = new List<OwnedBlock>();
        Check(simulation, owned, scenario.Poison, "boot");
        foreach (Op op in scenario.Ops)
        {
            Apply(simulation, owned, op);
            Check(simulation, owned, scenario.Poison, op.ToString());
        }
    }

    private static void Apply(GuestMachine simulation, List<OwnedBlock> owned, Op op)
    {
        GuestKernel kernel = simulation.Kernel;
        switch (op)
        {
            case AllocOp alloc:
                int pfn = kernel.Allocate(alloc.Order, AllocMode.Normal, "property");
                if (pfn >= 0)
                {
                    owned.Add(OwnedBlock.Snapshot(kernel.Memory, pfn, alloc.Order));
                }

                break;
            case FreeOp free when owned.Count > 0:
                OwnedBlock victim = owned[free.Index % owned.Count];
                owned.Remove(victim);
                kernel.Free(victim.Pfn, victim.Order);
                break;
            case WriteOp write when owned.Count > 0:
                int index = write.Index % owned.Count;
                OwnedBlock block = owned[index];
                kernel.Write(block.Pfn, 1 << block.Order);
                owned[index] = OwnedBlock.Snapshot(kernel.Memory, block.Pfn, block.Order);
                break;
            case StepOp step:
                simulation.RunMs(step.Ms);
                break;
            case DeviceOp device:
                simulation.Apply(new SetDevicePropertiesCommand(device.Properties));
                break;
            case HintOp hint:
                simulation.Apply(new HintCommand(hint.Action));
                break;
            case BalloonOp balloon:
                simulation.Apply(new SetBalloonTargetCommand(balloon.Pages * (long)KernelConstants.PageSize));
                break;
            default:
                break;
        }
    }

    private static void Check(GuestMachine simulation, List<OwnedBlock> owned, PoisonMode poison, string after)
    {
        GuestMemory memory = simulation.Kernel.Memory;

        // Every page in exactly one state: the per-state counters agree with the pages.
        ReadOnlySpan<PageState> states = memory.States;
        long total = 0;
        foreach (PageState state in PageStates.All)
        {
            long counted = states.Count(state);
            Assert.True(counted == memory.CountOf(state), $"after {after}: {state} counter {memory.CountOf(state)}, pages {counted}");
            total += counted;
        }

        Assert.Equal(memory.PageCount, total);
        Assert.Equal(simulation.Kernel.Allocator.FreePages, memory.CountOf(PageState.Free));

        // Host RSS equals the pages actually backed, and a page is backed, discarded or swapped — never two of them.
        HostGuestAccount account = simulation.Host.Guests[0];
        Assert.True(account.ResidentPages == account.AccountedResidentPages, $"after {after}: RSS {account.ResidentPages}, host accounting {account.AccountedResidentPages}");
        AssertDisjoint(simulation.Ram.Backed, simulation.Ram.Discarded, "backed and discarded", after);
        AssertDisjoint(simulation.Ram.Backed, simulation.Ram.Swapped, "backed and swapped", after);
        AssertDisjoint(simulation.Ram.Discarded, simulation.Ram.Swapped, "discarded and swapped", after);

        // No page marked PG_reported outside the free lists.
        for (int pfn = 0; pfn < memory.PageCount; pfn++)
        {
            if (memory.Reported.Get(pfn))
            {
                Assert.True(states[pfn] == PageState.Free, $"after {after}: page {pfn} is {states[pfn]} and still marked reported");
            }
        }

        // Hinted pages are exactly the blocks the driver holds.
        long held = (simulation.Balloon.Driver.Hinting?.HeldBlocks ?? 0) * (long)FreePageHintingDriver.HintBlockPages;
        Assert.Equal(held, memory.CountOf(PageState.Hinted));

        // The guest's own pages hold what it last wrote; nobody else changed them.
        foreach (OwnedBlock block in owned)
        {
            for (int i = 0; i < block.Contents.Length; i++)
            {
                Assert.True(memory.ContentOf(block.Pfn + i) == block.Contents[i], $"after {after}: page {block.Pfn + i} changed from {block.Contents[i]} to {memory.ContentOf(block.Pfn + i)}");
            }
        }

        // Free pages keep the value the guest relies on (no unsafe combination is forced here).
        ContentKind? expected = poison switch
        {
            PoisonMode.PagePoison => ContentKind.Poison,
            PoisonMode.InitOnFree => ContentKind.Zero,
            _ => null,
        };
        if (expected is ContentKind kind)
        {
            for (int pfn = 0; pfn < memory.PageCount; pfn++)
            {
                if (states[pfn] == PageState.Free)
                {
                    Assert.True(memory.ContentOf(pfn).Kind == kind, $"after {after}: free page {pfn} holds {memory.ContentOf(pfn).Kind}, the guest expects {kind}");
                }
            }
        }

        Assert.Equal(0, simulation.Kernel.PoisonErrorPages);
    }

    private static void AssertDisjoint(PageBitmap a, PageBitmap b, string what, string after)
    {
        ReadOnlySpan<ulong> left = a.Words;
        ReadOnlySpan<ulong> right = b.Words;
        for (int i = 0; i < left.Length; i++)
        {
            Assert.True((left[i] & right[i]) == 0, $"after {after}: pages both {what} in word {i}");
        }
    }

    /// <summary>A random guest run: its poisoning, whether the host is overcommitted, and the steps.</summary>
    internal sealed record Scenario(PoisonMode Poison, bool Overcommit, Op[] Ops)
    {
        public override string ToString() => $"{Poison}, overcommit {Overcommit}: {string.Join("; ", Ops.Select(op => op.ToString()))}";
    }

    /// <summary>One step.</summary>
    internal abstract record Op;

    internal sealed record AllocOp(int Order) : Op;

    internal sealed record FreeOp(int Index) : Op;

    internal sealed record WriteOp(int Index) : Op;

    internal sealed record StepOp(int Ms) : Op;

    internal sealed record DeviceOp(DeviceProperties Properties) : Op;

    internal sealed record HintOp(HintAction Action) : Op;

    internal sealed record BalloonOp(int Pages) : Op;

    /// <summary>A block the test allocated, with the content of each page as the guest last left it.</summary>
    private sealed record OwnedBlock(int Pfn, int Order, PageContent[] Contents)
    {
        public static OwnedBlock Snapshot(GuestMemory memory, int pfn, int order) =>
            new(pfn, order, Enumerable.Range(pfn, 1 << order).Select(memory.ContentOf).ToArray());
    }
}

using CsCheck;
using Viz.Simulation.Memory;

namespace Viz.Simulation.Tests.Memory;

public class PageBitmapTests
{
    [Fact]
    public void Range_operations_match_a_bool_array_and_keep_the_count()
    {
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 999], Gen.Int[0, 300]).Array[1, 60].Sample(ops =>
        {
            var bitmap = new PageBitmap(1000);
            bool[] model = new bool[1000];
            foreach ((int op, int start, int length) in ops)
            {
                int count = Math.Min(length, 1000 - start);
                int before = model.Skip(start).Take(count).Count(b => b);
                switch (op)
                {
                    case 0:
                        Assert.Equal(count - before, bitmap.SetRange(start, count));
                        Array.Fill(model, true, start, count);
                        break;
                    case 1:
                        Assert.Equal(before, bitmap.ClearRange(start, count));
                        Array.Fill(model, false, start, count);
                        break;
                    default:
                        Assert.Equal(before, bitmap.CountRange(start, count));
                        break;
                }

                Assert.Equal(model.Count(b => b), bitmap.SetCount);
            }

            int expected = Array.IndexOf(model, true);
            Assert.Equal(expected, bitmap.NextSet(0));
            for (int i = 0; i < 1000; i++)
            {
                Assert.Equal(model[i], bitmap.Get(i));
            }
        });
    }

    [Fact]
    public void Or_and_copy_keep_the_count()
    {
        var a = new PageBitmap(130);
        var b = new PageBitmap(130);
        a.SetRange(0, 10);
        b.SetRange(5, 100);
        a.Or(b);
        Assert.Equal(105, a.SetCount);
        Assert.Equal(105, a.CountRange(0, 130));
        var c = new PageBitmap(130);
        c.CopyFrom(b);
        Assert.Equal(100, c.SetCount);
        Assert.True(c.Get(104));
        Assert.Throws<ArgumentException>(() => c.Or(new PageBitmap(64)));
    }

    [Fact]
    public void Ranges_outside_the_bitmap_are_refused()
    {
        var bitmap = new PageBitmap(100);
        Assert.Throws<ArgumentOutOfRangeException>(() => bitmap.SetRange(90, 11));
        Assert.Throws<ArgumentOutOfRangeException>(() => bitmap.CountRange(-1, 2));
    }
}

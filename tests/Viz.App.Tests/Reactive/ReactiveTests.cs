using System.Reactive.Subjects;
using Viz.App.Reactive;

namespace Viz.App.Tests.Reactive;

public class ReactiveTests
{
    [Fact]
    public void A_value_tells_its_current_value_and_each_change_but_not_a_repeat()
    {
        using var value = new ReactiveValue<int>(1);
        var seen = new List<int>();
        using IDisposable subscription = value.Changes.Subscribe(seen.Add);

        value.Value = 2;
        value.Value = 2;
        value.Value = 3;

        Assert.Equal([1, 2, 3], seen);
        Assert.Equal(3, value.Value);
    }

    [Fact]
    public void A_command_runs_only_while_its_can_execute_stream_last_said_true()
    {
        using var canExecute = new BehaviorSubject<bool>(false);
        int runs = 0;
        using var command = new ReactiveCommand(() => runs++, canExecute);
        var executed = new List<System.Reactive.Unit>();
        using IDisposable subscription = command.Executed.Subscribe(executed.Add);

        Assert.False(command.Execute());
        canExecute.OnNext(true);
        Assert.True(command.CanExecuteNow);
        Assert.True(command.Execute());
        canExecute.OnNext(false);
        Assert.False(command.Execute());

        Assert.Equal(1, runs);
        Assert.Single(executed);
    }
}

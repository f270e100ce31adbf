using Viz.App.Cli;

return BalloonvizCli.Run(args, Console.Out, Console.Error);

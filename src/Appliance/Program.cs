using Appliance.Cli;

return CommandLine.Run(args);
